#!/usr/bin/env python3
"""Builds the CLINC150 routing fixtures from the train and validation splits.

  clinc150-catalog.json  ten specialist chat models, one per CLINC150 domain, whose example prompts
                         are that domain's *training* utterances, one general model, and the
                         oos_train utterances (out-of-scope examples for the calibration report)
  clinc150-val.jsonl     the validation split, one {"text", "domain"} per line ("oos" for out of scope)

Usage: make-clinc150.py [CLINC150_DIR]   (default /work/shared/data/clinc150; see its README)
Data: Larson et al., EMNLP-IJCNLP 2019, clinc/oos-eval, CC BY 3.0.
"""
import json
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CLINC150_DIR", "/work/shared/data/clinc150")
out = os.path.dirname(os.path.abspath(__file__))
data = json.load(open(os.path.join(src, "train_val.json")))
domains = json.load(open(os.path.join(src, "domains.json")))
domain_of = {intent: d for d, intents in domains.items() for intent in intents}

POV = 10 ** 18
models = []
for domain in sorted(domains):
    topics = ", ".join(i.replace("_", " ") for i in domains[domain])
    models.append({
        "model": "clinc/" + domain.replace("_", "-"),
        "domain": domain,
        "card": f"{domain.replace('_', ' ').capitalize()} assistant. Helps with: {topics}.",
        "examples": [text for text, intent in data["train"] if domain_of[intent] == domain],
        "pricePerMillion": str(2 * POV),
        "latencyMs": 0,
        "errorRate": 0.0,
    })
models.append({
    "model": "perspective/general",
    "domain": "oos",
    "card": "General-purpose assistant for any question: knowledge, writing, maths, advice and conversation.",
    "examples": [],
    "pricePerMillion": str(10 * POV),
    "latencyMs": 0,
    "errorRate": 0.0,
})
catalog = {
    "source": "CLINC150 train + oos_train (Larson et al. 2019, CC BY 3.0)",
    "general": "perspective/general",
    "models": models,
    "outOfScope": [text for text, _ in data["oos_train"]],
}
with open(os.path.join(out, "clinc150-catalog.json"), "w") as f:
    json.dump(catalog, f, indent=1)
    f.write("\n")
with open(os.path.join(out, "clinc150-val.jsonl"), "w") as f:
    for text, intent in data["val"] + data["oos_val"]:
        f.write(json.dumps({"text": text, "domain": domain_of.get(intent, "oos")}) + "\n")
print(f"{len(models)} models, {len(data['train'])} examples, {len(data['val']) + len(data['oos_val'])} val lines -> {out}")
