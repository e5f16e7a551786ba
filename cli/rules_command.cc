// `portcullis rules`: lists the rules of every catalog, or renders their Markdown reference
// (the files in docs/rules/ are this command's output).
#include <cstdio>

#include "commands.h"
#include "common.h"
#include "rules/catalogs.h"

namespace portcullis::cli {

void AddRulesCommand(CLI::App& app, int* exit_code) {
  static std::string catalog;
  static bool markdown = false;
  CLI::App* cmd = app.add_subcommand("rules", "list the built-in rules");
  cmd->add_option("CATALOG", catalog, "dockerfile, image, runtime, host, secret (default: all)");
  cmd->add_flag("--markdown", markdown, "print the Markdown reference of one catalog");
  cmd->callback([exit_code] {
    bool found = false;
    for (const RuleCatalog& c : RuleCatalogs()) {
      if (!catalog.empty() && c.name != catalog) continue;
      found = true;
      auto rules = c.rules();
      if (markdown) {
        std::string doc = RenderRuleDocs(c.title, c.intro, rules);
        std::fwrite(doc.data(), 1, doc.size(), stdout);
        continue;
      }
      for (const RuleInfo* r : rules) {
        std::printf("%-12s %-9s %.*s\n", std::string(r->id).c_str(),
                    std::string(SeverityName(r->severity)).c_str(),
                    static_cast<int>(r->title.size()), r->title.data());
      }
    }
    if (!found) {
      *exit_code = ReportError(Error{ErrorCode::kInvalidArgument,
                                     fmt::format("no rule catalog named '{}'", catalog)});
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace portcullis::cli
