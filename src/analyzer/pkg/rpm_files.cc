#include "analyzer/pkg/rpm_files.h"

#include <cstring>

#include <fmt/format.h>

#include "analyzer/pkg/package_file_lists.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr uint32_t kTypeInt32 = 4;
constexpr uint32_t kTypeStringArray = 8;

uint32_t Be32(const uint8_t *p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
         (uint32_t{p[2]} << 8) | p[3];
}

// The `count` NUL-terminated strings of a STRING_ARRAY entry, or an error
// message.
std::string ReadStrings(std::string_view store, const RpmArrayRef &ref,
                        uint32_t limit, std::string_view what,
                        std::vector<std::string_view> &out) {
  if (ref.type != kTypeStringArray)
    return fmt::format("{} has type {}", what, ref.type);
  if (ref.count > limit)
    return fmt::format("{} has {} entries (limit {})", what, ref.count, limit);
  out.clear();
  out.reserve(ref.count);
  size_t pos = ref.offset;
  for (uint32_t i = 0; i < ref.count; ++i) {
    if (pos >= store.size())
      return fmt::format("{} runs past the data store", what);
    size_t nul = store.find('\0', pos);
    if (nul == std::string_view::npos) {
      return fmt::format("{} entry {} is not terminated inside the data store",
                         what, i);
    }
    out.push_back(store.substr(pos, nul - pos));
    pos = nul + 1;
  }
  return {};
}

} // namespace

std::string ForEachRpmFile(
    std::span<const uint8_t> blob, const RpmHeader &h,
    const std::function<void(std::string_view, std::string_view)> &on_file) {
  if (!h.basenames.present && !h.dirnames.present && !h.dirindexes.present &&
      !h.old_filenames.present) {
    return {};
  }
  // ParseRpmHeader checked the preamble and that the data store lies inside the
  // blob.
  uint64_t il = Be32(blob.data());
  uint64_t dl = Be32(blob.data() + 4);
  std::string_view store(
      reinterpret_cast<const char *>(blob.data()) + 8 + il * 16, dl);
  std::vector<std::string_view> bases;
  if (!h.basenames.present && h.old_filenames.present) {
    if (auto err = ReadStrings(store, h.old_filenames, kMaxRpmFilesPerHeader,
                               "OLDFILENAMES", bases);
        !err.empty()) {
      return err;
    }
    for (std::string_view path : bases)
      on_file({}, path);
    return {};
  }
  if (!h.basenames.present || !h.dirnames.present || !h.dirindexes.present) {
    return "BASENAMES, DIRNAMES and DIRINDEXES are not all present";
  }
  std::vector<std::string_view> dirs;
  if (auto err = ReadStrings(store, h.dirnames, kMaxRpmDirsPerHeader,
                             "DIRNAMES", dirs);
      !err.empty()) {
    return err;
  }
  if (auto err = ReadStrings(store, h.basenames, kMaxRpmFilesPerHeader,
                             "BASENAMES", bases);
      !err.empty()) {
    return err;
  }
  const RpmArrayRef &idx = h.dirindexes;
  if (idx.type != kTypeInt32)
    return fmt::format("DIRINDEXES has type {}", idx.type);
  if (idx.count != bases.size()) {
    return fmt::format("DIRINDEXES has {} entries for {} BASENAMES", idx.count,
                       bases.size());
  }
  if (uint64_t{idx.offset} + uint64_t{idx.count} * 4 > dl) {
    return "DIRINDEXES runs past the data store";
  }
  const auto *indexes =
      reinterpret_cast<const uint8_t *>(store.data()) + idx.offset;
  for (uint32_t i = 0; i < idx.count; ++i) {
    if (Be32(indexes + uint64_t{i} * 4) >= dirs.size()) {
      return fmt::format("DIRINDEXES entry {} points past the {} DIRNAMES", i,
                         dirs.size());
    }
  }
  for (uint32_t i = 0; i < idx.count; ++i)
    on_file(dirs[Be32(indexes + uint64_t{i} * 4)], bases[i]);
  return {};
}

void RpmFileListReducer::Add(std::span<const uint8_t> blob,
                             const RpmHeader &header) {
  if (out_ == nullptr || truncated_)
    return;
  line_buffer_.clear();
  std::string path;
  std::string err = ForEachRpmFile(
      blob, header, [&](std::string_view dir, std::string_view base) {
        path.assign(dir);
        path.append(base);
        size_t lead = path.find_first_not_of('/');
        std::string_view normalised = lead == std::string::npos
                                          ? std::string_view()
                                          : std::string_view(path).substr(lead);
        if (IsPackageFileListPath(normalised)) {
          AppendPackageFileLine(line_buffer_, normalised, header.name);
        }
      });
  if (!err.empty()) {
    if (bad_++ == 0)
      first_bad_ = fmt::format("{}: {}", Excerpt(header.name), err);
    return;
  }
  if (out_->size() + line_buffer_.size() > kMaxPackageFileListBytesPerLayer) {
    truncated_ = true;
    return;
  }
  out_->append(line_buffer_);
}

void RpmFileListReducer::Finish(std::vector<Diagnostic> &diagnostics,
                                bool *truncated) const {
  if (truncated)
    *truncated = truncated_;
  if (bad_ == 0)
    return;
  Diagnostic d;
  d.code = "rpm.bad_file_list";
  d.path = db_path_;
  d.message = fmt::format("the file lists of {} package(s) could not be read "
                          "(first: {}); the packages are kept, "
                          "but language packages they installed are not marked "
                          "installed_by and their files' "
                          "packages show as unknown",
                          bad_, first_bad_);
  d.severity = Severity::kMedium;
  diagnostics.push_back(std::move(d));
}

} // namespace portcullis
