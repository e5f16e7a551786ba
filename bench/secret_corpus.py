#!/usr/bin/env python3
"""Writes the secret-scanning benchmark corpus: MB megabytes of text (source code, configs,
logs) in 1 MiB files under DIR, with one planted secret about every 200 KB, each in its own
line. Secrets are random at generation time, built from a provider prefix and random bytes.
Prints the number of planted secrets (the recall denominator).
  secret_corpus.py DIR MB [SEED]"""
import os
import random
import string
import sys

out, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "_-"


def r(n, al=ALNUM):
    return "".join(rng.choice(al) for _ in range(n))


# One generator per family; each returns one line holding exactly one secret.
SECRETS = [
    lambda: "aws_access_key_id = AKIA" + r(16, string.ascii_uppercase + string.digits),
    lambda: "export GITHUB_TOKEN=gh" + "p_" + r(36),
    lambda: "token: gl" + "pat-" + r(20, URLSAFE),
    lambda: 'SLACK_BOT="xo' + "xb-" + r(12, string.digits) + "-" + r(12, string.digits) + "-" + r(24) + '"',
    lambda: 'stripe.api_key = "sk' + "_live_" + r(24) + '"',
    lambda: "SENDGRID=SG." + r(22, URLSAFE) + "." + r(43, URLSAFE),
    lambda: "NPM=np" + "m_" + r(36),
    lambda: "DATABASE_URL=postgres://app:" + r(16) + "@db.internal:5432/app",
    lambda: 'HEROKU_API_KEY="' + "-".join(r(n, HEX) for n in (8, 4, 4, 4, 12)) + '"',
    lambda: "key = AI" + "za" + r(35, URLSAFE),
    lambda: "hf_token = hf" + "_" + r(34),
    lambda: "vault: hv" + "s." + r(100, URLSAFE),
]

WORDS = ("the of and to in is for on that with as by this from be are or it at an "
         "request response server client config value error retry timeout cache user "
         "session handler service default update version build release").split()


def code_line():
    k = rng.randrange(6)
    name = rng.choice(WORDS) + "_" + rng.choice(WORDS)
    if k == 0:
        return f"    {name} = self.{rng.choice(WORDS)}({rng.randrange(1000)})"
    if k == 1:
        return f"def {name}(request, timeout={rng.randrange(60)}):"
    if k == 2:
        return f"  if ({name} != null && {name}.length > {rng.randrange(100)}) {{ return {name}; }}"
    if k == 3:
        return f"    # {' '.join(rng.choice(WORDS) for _ in range(10))}"
    if k == 4:
        return f"const {name} = require('./{rng.choice(WORDS)}/{rng.choice(WORDS)}');"
    return f"    return {name}.get('{rng.choice(WORDS)}', {rng.random():.4f})"


def config_line():
    k = rng.randrange(4)
    key = rng.choice(WORDS) + "." + rng.choice(WORDS)
    if k == 0:
        return f"{key} = {rng.randrange(100000)}"
    if k == 1:
        return f"  {rng.choice(WORDS)}: \"{rng.choice(WORDS)}-{rng.randrange(100)}\""
    if k == 2:
        return f"[{rng.choice(WORDS)}]"
    return f"{key.upper().replace('.', '_')}={rng.choice(WORDS)}"


def log_line():
    return (f"2026-11-23T01:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z INFO "
            f"[{rng.choice(WORDS)}] {' '.join(rng.choice(WORDS) for _ in range(8))} "
            f"id={r(8, HEX)} took={rng.randrange(5000)}ms")


KINDS = [(code_line, ".py"), (config_line, ".conf"), (log_line, ".log")]
os.makedirs(out, exist_ok=True)
planted = 0
next_secret = rng.randrange(200_000)
written = 0
for i in range(mb):
    gen, ext = KINDS[i % len(KINDS)]
    lines, size = [], 0
    while size < (1 << 20):
        if written + size >= next_secret:
            line = rng.choice(SECRETS)()
            planted += 1
            next_secret += 150_000 + rng.randrange(100_000)
        else:
            line = gen()
        lines.append(line)
        size += len(line) + 1
    with open(os.path.join(out, f"f{i:04d}{ext}"), "w") as f:
        f.write("\n".join(lines) + "\n")
    written += size
print(planted)
