-- 100,000 model cards (psql variable :models, default set by run.sh) from 2,500 creators, generated
-- deterministically: every "random" choice is a hash of the model's number, so each run seeds the
-- same catalog. Cards vary like a real hub's: a few creators own many models, most own a few; task
-- tags follow the model's kind; licences, prices, context lengths and usage are skewed; descriptions
-- are Markdown assembled from domain, language and capability phrases. 90 % are published, 7 % drafts,
-- 3 % delisted. Written straight into the catalog's tables (the hub rebuilds its search index from
-- them when it starts and finds the index stale).
\set ON_ERROR_STOP on
begin;

-- u(i, salt): a deterministic number in [0, 1)
create function pg_temp.u(i int, salt int) returns double precision language sql immutable as
$$ select ('x' || substr(md5(i::text || ':' || salt::text), 1, 12))::bit(48)::bigint / 281474976710656.0 $$;
-- pick(a, i, salt): a deterministic element of a
create function pg_temp.pick(a text[], i int, salt int) returns text language sql immutable as
$$ select a[1 + floor(pg_temp.u(i, salt) * array_length(a, 1))::int] $$;

insert into catalog_creator (account_id, handle, display_name, created_at)
select md5('bench-creator-' || c)::uuid,
       h.handle || '-' || c,
       initcap(replace(h.handle, '-', ' ')) || ' ' || c,
       timestamptz '2023-06-01 00:00:00+00' + (c || ' hours')::interval
from generate_series(1, 2500) c,
     lateral (select pg_temp.pick(array['acme','nova','deep','open','blue','quantum','tensor','vector','lumen','atlas',
        'polar','cedar','orbit','pixel','sigma','delta','kite','ember','fjord','sage','raven','echo','zen','mosaic'], c, 1)
        || '-' || pg_temp.pick(array['labs','ai','research','ml','works','studio','systems','collective','models','foundry'], c, 2)
        as handle) h;

create temp table seed on commit drop as
select i,
       1 + floor(2500 * power(pg_temp.u(i, 1), 2.5))::int as creator,
       pg_temp.pick(array['llama','mistral','qwen','phi','gemma','falcon','orca','vicuna','bert','roberta','e5','bge',
          'minilm','t5','flan','clip','llava','starcoder','codegen','deepseek','yi','mpt','bloom','pythia','olmo',
          'granite','jamba','nemotron','solar','zephyr'], i, 2) as family,
       pg_temp.pick(array['125m','350m','1b','3b','7b','7b','8b','8b','13b','34b','70b'], i, 3) as size,
       pg_temp.pick(array['instruct','instruct','chat','chat','base','code','embed','embed','rerank','vision',
          'summarize','sql','legal','med','finance','multilingual','tiny','distilled','classifier'], i, 4) as variant,
       pg_temp.pick(array['customer support tickets','legal contracts','medical notes','financial reports',
          'source code','scientific papers','e-commerce product data','news articles','social media posts',
          'academic essays','SQL databases','recipes','travel itineraries','HR documents','insurance claims',
          'invoices and receipts','patent filings','game dialogue','chemistry literature','call transcripts'], i, 5) as domain,
       pg_temp.pick(array['English','English','English','German','French','Spanish','Japanese','Chinese','Portuguese',
          'Italian','Korean','Arabic','Hindi','Dutch','Polish','Turkish','Swahili','many languages'], i, 6) as language,
       pg_temp.pick(array['Apache-2.0','Apache-2.0','Apache-2.0','Apache-2.0','Apache-2.0','Apache-2.0','MIT','MIT',
          'MIT','MIT','Llama-3','Llama-3','Llama-3','Llama-2','Llama-2','CC-BY-4.0','CC-BY-4.0','CC-BY-NC-4.0',
          'OpenRAIL-M','OpenRAIL-M','Gemma','Gemma','Proprietary','Proprietary','Proprietary','GPL-3.0-only',
          'AGPL-3.0-only','BSD-3-Clause','BSD-3-Clause','MPL-2.0','CC-BY-SA-4.0','CreativeML-OpenRAIL-M',
          'BigScience-OpenRAIL-M','Unlicense','CC0-1.0'], i, 7) as licence,
       pg_temp.pick(array['512','2048','4096','4096','8192','8192','16384','32768','32768','131072','1000000'], i, 8)::int as context_length,
       case when pg_temp.u(i, 9) < 0.05 then 0::numeric
            else floor(power(10, 13 + 5 * pg_temp.u(i, 10)))::numeric end as input_price,
       1 + floor(4 * pg_temp.u(i, 11))::int as output_factor,
       pg_temp.u(i, 12) as status_u,
       floor(power(10, 7 * power(pg_temp.u(i, 13), 3)))::bigint - 1 as calls,
       timestamptz '2024-01-01 00:00:00+00' + (floor(pg_temp.u(i, 14) * 730 * 86400) || ' seconds')::interval as created_at,
       pg_temp.pick(array['It summarizes long documents into short, faithful briefs.',
          'It answers questions with citations to the source passage.',
          'It extracts entities and fields into JSON that validates against your schema.',
          'It classifies intent, topic and sentiment in one pass.',
          'It writes, reviews and explains Python, Java, TypeScript and SQL code.',
          'It translates between the source language and English while keeping the tone.',
          'It drafts polite replies that follow your style guide.',
          'It ranks search results by relevance to a query.',
          'It turns tables and charts in images into structured text.',
          'It redacts personal data before anything leaves your network.',
          'It generates test cases and edge cases from a specification.',
          'It detects fraud patterns and anomalies in free text.'], i, 15) as capability1,
       pg_temp.pick(array['Fast on a single GPU.', 'Runs well quantized to 4 bits.', 'Tuned for low latency streaming.',
          'Strong at long-context retrieval.', 'Evaluated on held-out benchmarks before every release.',
          'Trained with preference optimization for helpful, harmless answers.', 'Cheap enough for batch jobs.',
          'Keeps a consistent JSON output format.', 'Handles noisy OCR input gracefully.',
          'Small enough for edge devices.'], i, 16) as capability2,
       pg_temp.pick(array['fp16','bf16','int8','int4','fp8'], i, 17) as precision,
       (10 + floor(pg_temp.u(i, 18) * 2000))::int as tokens_b
from generate_series(1, :models) i;

insert into catalog_model (id, creator_id, handle, name, title, description, licence, context_length, input_price,
        output_price, status, serving_kind, base_url, upstream_model, delisted_reason, calls, created_at, updated_at)
select c.handle || '/' || n.name, c.account_id, c.handle, n.name,
       initcap(s.family) || ' ' || upper(s.size) || ' ' || initcap(s.variant) || ' for ' || s.domain,
       '## ' || initcap(s.family) || ' ' || upper(s.size) || ' ' || s.variant || E'\n\n'
         || 'A ' || s.size || ' ' || s.family || '-based model fine-tuned on ' || s.domain || ' in ' || s.language || '. '
         || s.capability1 || ' ' || s.capability2 || E'\n\n'
         || '- Context: ' || s.context_length || E' tokens\n'
         || '- Trained on ' || s.tokens_b || E'B tokens\n'
         || '- Weights: ' || s.precision || E'\n',
       s.licence, s.context_length, s.input_price, s.input_price * s.output_factor,
       case when s.status_u < 0.90 then 'PUBLISHED' when s.status_u < 0.97 then 'DRAFT' else 'DELISTED' end,
       'EXTERNAL', 'https://api.' || c.handle || '.example/v1', n.name,
       case when s.status_u >= 0.97 then 'Misleading card (bench seed)' end,
       s.calls, s.created_at, s.created_at + interval '1 day'
from seed s
join catalog_creator c on c.account_id = md5('bench-creator-' || s.creator)::uuid
cross join lateral (select s.family || '-' || s.size || '-' || s.variant || '-' || s.i as name) n;

insert into catalog_model_task (model_id, task)
select distinct c.handle || '/' || s.family || '-' || s.size || '-' || s.variant || '-' || s.i, t.task
from seed s
join catalog_creator c on c.account_id = md5('bench-creator-' || s.creator)::uuid
cross join lateral unnest(case s.variant
        when 'embed' then array['EMBEDDINGS']
        when 'rerank' then array['RERANK']
        when 'vision' then array['VISION', 'CHAT']
        when 'code' then array['COMPLETION', 'CHAT']
        when 'sql' then array['COMPLETION', 'CHAT']
        when 'base' then array['COMPLETION']
        when 'classifier' then array['CLASSIFICATION']
        else array['CHAT'] end
      || case when pg_temp.u(s.i, 19) < 0.15 then array['CLASSIFICATION'] else array[]::text[] end) t(task);

commit;
analyze catalog_creator;
analyze catalog_model;
analyze catalog_model_task;
