// Maven version ordering, as org.apache.maven.artifact.versioning.ComparableVersion (Maven
// 3.8) defines it. The lower-cased version is cut at '.', '-' and digit/letter transitions into
// a tree: numbers, qualifiers and sub-lists (a '-' or a transition opens a sub-list). Trailing
// "null" items (0, "", "final", "ga", "release", empty lists) are dropped. Qualifiers order
// alpha < beta < milestone < rc = cr < snapshot < "" = final = ga = release < sp < any other
// (those compare as strings); single letters a/b/m followed by a digit mean alpha/beta/milestone.
// A qualifier that is not the first item of its list starts a sub-list of its own.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "vulndb/version/numeric.h"
#include "vulndb/version/version.h"

namespace portcullis::version {

namespace {

struct Item {
  enum class Kind { kInt, kString, kList } kind = Kind::kInt;
  std::string value;  // kInt: digits without leading zeros; kString: canonical qualifier key
  std::vector<std::unique_ptr<Item>> items;  // kList

  bool IsNull() const {
    switch (kind) {
      case Kind::kInt: return value.empty();
      case Kind::kString: return value == "5";  // the release qualifier
      case Kind::kList: return items.empty();
    }
    return false;
  }
};

// Sort key of a qualifier: its index in the known list, or "7-<qualifier>" for others.
std::string QualifierKey(std::string q, bool followed_by_digit) {
  if (followed_by_digit && q.size() == 1) {
    if (q == "a") q = "alpha";
    else if (q == "b") q = "beta";
    else if (q == "m") q = "milestone";
  }
  if (q == "ga" || q == "final" || q == "release") q = "";
  if (q == "cr") q = "rc";
  static constexpr std::string_view kOrder[] = {"alpha", "beta",  "milestone", "rc",
                                                "snapshot", "", "sp"};
  for (size_t k = 0; k < std::size(kOrder); ++k) {
    if (kOrder[k] == q) return std::to_string(k);
  }
  return "7-" + q;
}

std::unique_ptr<Item> MakeItem(bool digit, std::string_view text, bool followed_by_digit) {
  auto item = std::make_unique<Item>();
  if (digit) {
    while (!text.empty() && text.front() == '0') text.remove_prefix(1);
    item->kind = Item::Kind::kInt;
    item->value = std::string(text);
  } else {
    item->kind = Item::Kind::kString;
    item->value = QualifierKey(std::string(text), followed_by_digit);
  }
  return item;
}

std::unique_ptr<Item> NewList() {
  auto list = std::make_unique<Item>();
  list->kind = Item::Kind::kList;
  return list;
}

void Normalize(Item& list) {
  for (size_t k = list.items.size(); k-- > 0;) {
    if (list.items[k]->IsNull()) {
      list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (list.items[k]->kind != Item::Kind::kList) {
      break;
    }
  }
}

std::unique_ptr<Item> ParseMaven(std::string_view raw) {
  std::string v = ToLower(raw);
  auto root = NewList();
  std::vector<Item*> stack = {root.get()};
  Item* list = root.get();
  bool digit = false;
  size_t start = 0;
  auto open_sublist = [&] {
    auto sub = NewList();
    Item* raw_sub = sub.get();
    list->items.push_back(std::move(sub));
    list = raw_sub;
    stack.push_back(list);
  };
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == '.' || c == '-') {
      if (i == start) {
        list->items.push_back(MakeItem(true, "", false));
      } else {
        list->items.push_back(MakeItem(digit, std::string_view(v).substr(start, i - start),
                                       false));
      }
      start = i + 1;
      if (c == '-') open_sublist();
    } else if (IsDigit(c)) {
      if (!digit && i > start) {
        // A qualifier followed by a number ("rc1", ".M5") gets a sub-list of its own.
        if (!list->items.empty()) open_sublist();
        list->items.push_back(MakeItem(false, std::string_view(v).substr(start, i - start),
                                       true));
        start = i;
        open_sublist();
      }
      digit = true;
    } else {
      if (digit && i > start) {
        list->items.push_back(MakeItem(true, std::string_view(v).substr(start, i - start),
                                       false));
        start = i;
        open_sublist();
      }
      digit = false;
    }
  }
  if (v.size() > start) {
    if (!digit && !list->items.empty()) open_sublist();
    list->items.push_back(MakeItem(digit, std::string_view(v).substr(start), false));
  }
  while (!stack.empty()) {
    Normalize(*stack.back());
    stack.pop_back();
  }
  return root;
}

int CompareItems(const Item* a, const Item* b);

// `a` against an absent item.
int CompareToNull(const Item& a) {
  switch (a.kind) {
    case Item::Kind::kInt: return a.value.empty() ? 0 : 1;
    case Item::Kind::kString: return Sign(a.value.compare("5"));
    case Item::Kind::kList: return a.items.empty() ? 0 : CompareToNull(*a.items.front());
  }
  return 0;
}

int CompareItems(const Item* a, const Item* b) {
  if (b == nullptr) return a == nullptr ? 0 : CompareToNull(*a);
  if (a == nullptr) return -CompareToNull(*b);
  using K = Item::Kind;
  switch (a->kind) {
    case K::kInt:
      if (b->kind == K::kInt) return CompareDigits(a->value, b->value);
      return 1;
    case K::kString:
      if (b->kind == K::kInt) return -1;
      if (b->kind == K::kString) return Sign(a->value.compare(b->value));
      return -1;
    case K::kList:
      if (b->kind == K::kInt) return -1;
      if (b->kind == K::kString) return 1;
      for (size_t k = 0; k < a->items.size() || k < b->items.size(); ++k) {
        const Item* l = k < a->items.size() ? a->items[k].get() : nullptr;
        const Item* r = k < b->items.size() ? b->items[k].get() : nullptr;
        if (int c = CompareItems(l, r); c != 0) return c;
      }
      return 0;
  }
  return 0;
}

}  // namespace

int CompareMaven(std::string_view a, std::string_view b) {
  // Sub-lists nest once per '-' or digit/letter change: bound the depth for hostile input.
  constexpr size_t kMaxLength = 512;
  if (a.size() > kMaxLength || b.size() > kMaxLength) return Sign(a.compare(b));
  auto ia = ParseMaven(a);
  auto ib = ParseMaven(b);
  return CompareItems(ia.get(), ib.get());
}

}  // namespace portcullis::version
