// A fast fixed-answer OpenAI-compatible upstream for the gateway benchmark.
// Usage: node upstream.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] ?? 9101);
const answer = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
});
const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) };

http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, headers); res.end(answer); });
}).listen(port, '127.0.0.1', () => console.log(`upstream on ${port}`));
