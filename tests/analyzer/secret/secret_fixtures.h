// Test fixtures for the secret rules: one text per built-in rule that must fire it, and a
// near-miss that must not. Secrets are generated at test time from templates, so no string in
// the source looks like a leaked credential: `%{C:N}` is N random characters of class C
// (m [A-Za-z0-9], l [a-z0-9], U [A-Z0-9], h [a-f0-9], d [0-9], b [A-Za-z0-9+/], u [A-Za-z0-9_-],
// A [A-Za-z], x age's bech32 alphabet) and `%{uuid}` a random UUID. The default near-miss is
// the same template with every random run cut to a third of its length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portcullis::testing {

struct SecretFixture {
  std::string_view rule;
  std::string_view text;       // template of a text that must fire `rule`
  std::string_view path = "app/config.txt";
  std::string_view near_text = {};  // template that must not fire it ("" = shrunk `text`)
  std::string_view near_path = {};  // path for the near-miss ("" = `path`)
};

// Expands a template with a deterministic generator seeded by `seed`; `shrink` cuts every
// random run to a third.
std::string ExpandTemplate(std::string_view tmpl, uint64_t seed, bool shrink = false);

// A seed derived from a string (FNV-1a).
uint64_t SeedOf(std::string_view s);

// One fixture per built-in rule.
const std::vector<SecretFixture>& SecretFixtures();

}  // namespace portcullis::testing
