// Drives the hub's OpenAI-compatible API with the official `openai` client, unmodified, and prints
// one JSON object with what it saw. OpenAiClientIT runs it and asserts on that object.
// Environment: HUB_BASE_URL (e.g. http://127.0.0.1:8080/v1), HUB_API_KEY, CHAT_MODEL, EMBED_MODEL,
// AUTO_MODELS (optional, comma-separated: the models perspective/auto may choose from).
import OpenAI from 'openai';

const baseURL = process.env.HUB_BASE_URL;
const client = new OpenAI({ baseURL, apiKey: process.env.HUB_API_KEY, maxRetries: 0, timeout: 30_000 });
const result = {};

async function failure(call) {
  try {
    await call();
    return { error: 'none' };
  } catch (err) {
    return { error: err.constructor.name, status: err.status ?? null, message: err.message };
  }
}

const models = await client.models.list();
result.models = models.data.map((m) => m.id);

const retrieved = await client.models.retrieve(process.env.CHAT_MODEL);
result.retrieved = { id: retrieved.id, object: retrieved.object, owned_by: retrieved.owned_by };
result.retrieveMissing = await failure(() => client.models.retrieve('nobody/nothing'));

const chat = await client.chat.completions.create({
  model: process.env.CHAT_MODEL,
  messages: [{ role: 'user', content: 'hello from the openai client' }],
});
result.chat = { model: chat.model, content: chat.choices[0].message.content, usage: chat.usage };

const stream = await client.chat.completions.create({
  model: process.env.CHAT_MODEL,
  messages: [{ role: 'user', content: 'stream these words please' }],
  stream: true,
  stream_options: { include_usage: true },
});
let streamed = '';
let chunks = 0;
let streamUsage = null;
let streamModel = null;
for await (const chunk of stream) {
  chunks += 1;
  streamModel = chunk.model;
  if (chunk.usage) streamUsage = chunk.usage;
  for (const choice of chunk.choices) streamed += choice.delta?.content ?? '';
}
result.stream = { model: streamModel, content: streamed, chunks, usage: streamUsage };

const embedding = await client.embeddings.create({ model: process.env.EMBED_MODEL, input: ['a cat', 'a dog'] });
result.embeddings = {
  model: embedding.model,
  count: embedding.data.length,
  dimensions: embedding.data[0].embedding.length,
  usage: embedding.usage,
};

if (process.env.AUTO_MODELS) {
  // perspective/auto with the hub's steering sent as an extra body field, as any OpenAI client can
  const { data, response } = await client.chat.completions.create({
    model: 'perspective/auto',
    messages: [{ role: 'user', content: 'route this request' }],
    perspective: { models: process.env.AUTO_MODELS.split(','), cost_weight: 0.5 },
  }).withResponse();
  result.auto = {
    model: data.model,
    content: data.choices[0].message.content,
    candidates: response.headers.get('x-perspective-candidates'),
    decision: response.headers.get('x-perspective-decision'),
  };
}

const badKey = new OpenAI({ baseURL, apiKey: 'pk-wrong', maxRetries: 0 });
result.badKey = await failure(() => badKey.models.list());
result.unknownModel = await failure(() =>
  client.chat.completions.create({ model: 'nobody/nothing', messages: [{ role: 'user', content: 'hi' }] }));

console.log(JSON.stringify(result));
