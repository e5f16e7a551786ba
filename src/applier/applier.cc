#include "applier/applier.h"

#include <algorithm>
#include <set>

#include "analyzer/pkg/package_file_lists.h"
#include "core/strings.h"

namespace portcullis {

namespace {

// The range of map keys strictly under directory `dir` ("dir/..."): '/' + 1 == '0'.
template <typename Map>
auto SubtreeRange(Map& m, const std::string& dir) {
  return std::make_pair(m.lower_bound(dir + "/"), m.lower_bound(dir + "0"));
}

}  // namespace

const MergedFile* MergedView::Find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

const MergedFile* MergedView::Resolve(std::string_view path, uint64_t max_hops) const {
  std::vector<std::string> todo;  // components still to walk, in reverse order
  auto push_front = [&](std::string_view p) {
    auto parts = Split(p, '/');
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.emplace_back(*it);
  };
  push_front(path);
  std::string resolved;
  uint64_t hops = 0;
  const MergedFile* current = nullptr;
  while (!todo.empty()) {
    std::string c = std::move(todo.back());
    todo.pop_back();
    if (c.empty() || c == ".") continue;
    if (c == "..") {
      auto slash = resolved.rfind('/');
      resolved = slash == std::string::npos ? "" : resolved.substr(0, slash);
      current = resolved.empty() ? nullptr : Find(resolved);
      continue;
    }
    std::string candidate = resolved.empty() ? c : resolved + "/" + c;
    const MergedFile* f = Find(candidate);
    if (!f) {
      // A directory may exist only implicitly, through the entries under it.
      auto [first, last] = SubtreeRange(files_, candidate);
      if (first == last) return nullptr;
      resolved = std::move(candidate);
      current = nullptr;
      continue;
    }
    if (f->meta.type == EntryType::kSymlink) {
      if (++hops > max_hops) return nullptr;
      const std::string& target = f->meta.link_target;
      if (target.starts_with('/')) resolved.clear();
      push_front(target);
      continue;
    }
    if (f->meta.type == EntryType::kHardlink) {
      if (++hops > max_hops) return nullptr;
      f = Find(f->meta.link_target);
      if (!f) return nullptr;
    }
    if (!todo.empty() && f->meta.type != EntryType::kDir) {
      // A non-directory in the middle of the path: only ok if nothing but "." / "" follows.
      bool rest_empty = std::ranges::all_of(todo, [](const std::string& s) { return s.empty() || s == "."; });
      if (!rest_empty) return nullptr;
    }
    resolved = std::move(candidate);
    current = f;
  }
  return current;
}

std::optional<std::string_view> MergedView::ReadCollected(std::string_view path) const {
  const MergedFile* f = Resolve(path);
  if (!f || f->meta.type == EntryType::kDir) return std::nullopt;
  const auto& collected = layers_[f->layer].collected;
  auto it = collected.find(f->meta.path);
  if (it == collected.end()) return std::nullopt;
  return std::string_view(it->second);
}

bool MergedView::Ships(std::string_view path, size_t layer) const {
  const MergedFile* f = Find(path);
  return f && f->layer == layer;
}

std::map<std::string, std::vector<std::string>, std::less<>> MergedView::FinalLicenses() const {
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  for (const LayerFacts& facts : layers_) {
    for (const LicenseFact& l : facts.licenses) {
      if (Ships(l.path, facts.index)) out[l.package] = l.licenses;
    }
  }
  return out;
}

std::string PackageLocationRoot(std::string_view found_in) {
  std::string_view path = found_in.substr(0, found_in.find("!/"));
  auto parent = [](std::string_view p) {
    size_t slash = p.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
  };
  if (found_in.find("!/") != std::string_view::npos) return std::string(found_in);
  std::string_view dir = parent(path);
  // X.dist-info/METADATA, X.egg-info/PKG-INFO: the site-packages directory holding them.
  if (dir.ends_with(".dist-info") || dir.ends_with(".egg-info")) return std::string(parent(dir));
  // specifications/default/X.gemspec and specifications/X.gemspec: one gem directory.
  if (path.ends_with(".gemspec") && dir.ends_with("/default")) return std::string(parent(dir));
  if (path.ends_with(".egg-info") || path.ends_with(".gemspec")) return std::string(dir);
  return std::string(path);
}

std::string OwnerOf(const std::map<std::string, std::string, std::less<>>& owners,
                    std::string_view found_in) {
  std::string_view path = found_in.substr(0, found_in.find("!/"));
  while (path.starts_with('/')) path.remove_prefix(1);
  for (int up = 0; up < 2 && !path.empty(); ++up) {
    if (auto it = owners.find(path); it != owners.end()) return it->second;
    size_t slash = path.rfind('/');
    // METADATA / PKG-INFO: dpkg also lists their .dist-info / .egg-info directory.
    if (slash == std::string_view::npos ||
        !(path.ends_with("/METADATA") || path.ends_with("/PKG-INFO"))) {
      break;
    }
    path = path.substr(0, slash);
  }
  return "";
}

std::optional<Removal> MergedView::RemovedLater(std::string_view path, size_t layer) const {
  auto it = removals_.find(std::make_pair(std::string(path), layer));
  if (it == removals_.end()) return std::nullopt;
  return it->second;
}

std::vector<MergedView::FinalPackage> MergedView::FinalPackages() const {
  // Which layer brought in each package's current version: walk every database of every layer
  // in order (also those a later layer replaced); a package keeps the layer where it first
  // appeared with the version it has now.
  struct Seen {
    std::string version;
    size_t layer;
  };
  std::map<std::string, Seen, std::less<>> seen;
  auto key_of = [](const PackageDb& db, const Package& p) {
    // OS packages are one per name and architecture; language packages are per location.
    return db.os ? fmt::format("{}\x1f{}\x1f{}", db.kind, p.name, p.arch)
                 : fmt::format("{}\x1f{}\x1f{}", db.kind, db.path, p.name);
  };
  for (const LayerFacts& facts : layers_) {
    for (const PackageDb& db : facts.package_dbs) {
      for (const Package& p : db.packages) {
        std::string key = key_of(db, p);
        auto it = seen.find(key);
        if (it == seen.end() || it->second.version != p.version) {
          seen[key] = Seen{p.version, facts.index};
        }
      }
    }
  }
  // Language-package files an OS package installed, from the file lists that ship.
  std::map<std::string, std::string, std::less<>> owner_of;
  for (const LayerFacts& facts : layers_) {
    for (const auto& [list, lines] : facts.package_files) {
      if (!Ships(list, facts.index)) continue;
      ForEachPackageFile(lines, [&](std::string_view path, std::string_view package) {
        owner_of.insert_or_assign(std::string(path), std::string(package));
      });
    }
  }
  std::vector<FinalPackage> out;
  std::set<std::string> instances;  // kind, name, version, location root of language packages
  for (const LayerFacts& facts : layers_) {
    for (const PackageDb& db : facts.package_dbs) {
      if (!Ships(db.path, facts.index)) continue;  // this copy of the database does not ship
      for (const Package& p : db.packages) {
        if (!db.os && !instances
                           .insert(fmt::format("{}\x1f{}\x1f{}\x1f{}", db.kind, p.name, p.version,
                                               PackageLocationRoot(p.found_in)))
                           .second) {
          continue;  // the same package's metadata twice in one place (egg-info + dist-info)
        }
        auto it = seen.find(key_of(db, p));
        size_t layer = (it != seen.end() && it->second.version == p.version) ? it->second.layer
                                                                             : facts.index;
        out.push_back({p, db.kind, db.os, layer});
        if (!db.os && out.back().package.installed_by.empty()) {
          out.back().package.installed_by = OwnerOf(owner_of, p.found_in);
        }
      }
    }
  }
  return out;
}

MergedView Merge(std::vector<LayerFacts> layers) {
  MergedView view;
  view.layers_ = std::move(layers);
  auto& files = view.files_;
  auto& removals = view.removals_;
  auto remove = [&](auto it, size_t by, bool whiteout) {
    removals[std::make_pair(it->first, it->second.layer)] = Removal{by, whiteout};
    return files.erase(it);
  };
  auto remove_subtree = [&](const std::string& dir, size_t by, bool whiteout) {
    auto [first, last] = SubtreeRange(files, dir);
    while (first != last) first = remove(first, by, whiteout);
  };

  for (size_t l = 0; l < view.layers_.size(); ++l) {
    LayerFacts& facts = view.layers_[l];
    facts.index = l;
    // Whiteouts and opaque markers hide what lower layers put there; this layer's own entries
    // at those paths are added afterwards.
    for (const FileMeta& f : facts.files) {
      if (f.type == EntryType::kWhiteout) {
        if (auto it = files.find(f.path); it != files.end()) remove(it, l, true);
        remove_subtree(f.path, l, true);
      } else if (f.type == EntryType::kOpaqueDir) {
        remove_subtree(f.path, l, true);
      }
    }
    for (const FileMeta& f : facts.files) {
      if (f.type == EntryType::kWhiteout || f.type == EntryType::kOpaqueDir) continue;
      auto it = files.find(f.path);
      if (it != files.end()) {
        bool dir_over_dir = it->second.meta.type == EntryType::kDir && f.type == EntryType::kDir;
        if (!dir_over_dir) {
          if (it->second.meta.type == EntryType::kDir) remove_subtree(f.path, l, false);
          if (it->second.layer != l) {
            removals[std::make_pair(f.path, it->second.layer)] = Removal{l, false};
          }
        }
        it->second = MergedFile{f, l};
      } else {
        files.emplace(f.path, MergedFile{f, l});
      }
    }
  }
  return view;
}

}  // namespace portcullis
