#include "detector/vuln/cvss4.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "core/strings.h"
#include "detector/vuln/cvss.h"

namespace portcullis::vuln {

namespace {

// The metrics of the specification (section 7), in its canonical order. The Environmental
// modified metrics MAV..MSA are in the same order as the Base metrics AV..SA they modify.
enum Metric : uint8_t {
  // Base
  kAV,
  kAC,
  kAT,
  kPR,
  kUI,
  kVC,
  kVI,
  kVA,
  kSC,
  kSI,
  kSA,
  // Threat
  kE,
  // Environmental
  kCR,
  kIR,
  kAR,
  kMAV,
  kMAC,
  kMAT,
  kMPR,
  kMUI,
  kMVC,
  kMVI,
  kMVA,
  kMSC,
  kMSI,
  kMSA,
  // Supplemental
  kS,
  kAU,
  kR,
  kV,
  kRE,
  kU,
  kMetricCount,
};

constexpr int kBaseMetricCount = kSA + 1;

enum class Group : uint8_t { kBase, kThreat, kEnvironmental, kSupplemental };

struct MetricDef {
  std::string_view name;
  Group group;
  std::array<std::string_view, 5> values;  // every value the specification defines
};

constexpr std::array<MetricDef, kMetricCount> kMetrics = {{
    {"AV", Group::kBase, {"N", "A", "L", "P"}},
    {"AC", Group::kBase, {"L", "H"}},
    {"AT", Group::kBase, {"N", "P"}},
    {"PR", Group::kBase, {"N", "L", "H"}},
    {"UI", Group::kBase, {"N", "P", "A"}},
    {"VC", Group::kBase, {"H", "L", "N"}},
    {"VI", Group::kBase, {"H", "L", "N"}},
    {"VA", Group::kBase, {"H", "L", "N"}},
    {"SC", Group::kBase, {"H", "L", "N"}},
    {"SI", Group::kBase, {"H", "L", "N"}},
    {"SA", Group::kBase, {"H", "L", "N"}},
    {"E", Group::kThreat, {"X", "A", "P", "U"}},
    {"CR", Group::kEnvironmental, {"X", "H", "M", "L"}},
    {"IR", Group::kEnvironmental, {"X", "H", "M", "L"}},
    {"AR", Group::kEnvironmental, {"X", "H", "M", "L"}},
    {"MAV", Group::kEnvironmental, {"X", "N", "A", "L", "P"}},
    {"MAC", Group::kEnvironmental, {"X", "L", "H"}},
    {"MAT", Group::kEnvironmental, {"X", "N", "P"}},
    {"MPR", Group::kEnvironmental, {"X", "N", "L", "H"}},
    {"MUI", Group::kEnvironmental, {"X", "N", "P", "A"}},
    {"MVC", Group::kEnvironmental, {"X", "H", "L", "N"}},
    {"MVI", Group::kEnvironmental, {"X", "H", "L", "N"}},
    {"MVA", Group::kEnvironmental, {"X", "H", "L", "N"}},
    {"MSC", Group::kEnvironmental, {"X", "H", "L", "N"}},
    {"MSI", Group::kEnvironmental, {"X", "S", "H", "L", "N"}},
    {"MSA", Group::kEnvironmental, {"X", "S", "H", "L", "N"}},
    {"S", Group::kSupplemental, {"X", "N", "P"}},
    {"AU", Group::kSupplemental, {"X", "N", "Y"}},
    {"R", Group::kSupplemental, {"X", "A", "U", "I"}},
    {"V", Group::kSupplemental, {"X", "D", "C"}},
    {"RE", Group::kSupplemental, {"X", "L", "M", "H"}},
    {"U", Group::kSupplemental, {"X", "Clear", "Green", "Amber", "Red"}},
}};

// Scores of the 270 MacroVectors ("EQ1 EQ2 EQ3 EQ4 EQ5 EQ6" -> score), in tenths: the lookup
// table the FIRST reference calculator publishes with the specification (cvss_lookup.js).
struct MacroScore {
  std::string_view macro;
  int tenths;
};

// clang-format off: one line per EQ1..EQ4 combination.
constexpr std::array<MacroScore, 270> kMacroScores = {{
    {"000000", 100}, {"000001", 99}, {"000010", 98}, {"000011", 95}, {"000020", 95}, {"000021", 92},
    {"000100", 100}, {"000101", 96}, {"000110", 93}, {"000111", 87}, {"000120", 91}, {"000121", 81},
    {"000200", 93},  {"000201", 90}, {"000210", 89}, {"000211", 80}, {"000220", 81}, {"000221", 68},
    {"001000", 98},  {"001001", 95}, {"001010", 95}, {"001011", 92}, {"001020", 90}, {"001021", 84},
    {"001100", 93},  {"001101", 92}, {"001110", 89}, {"001111", 81}, {"001120", 81}, {"001121", 65},
    {"001200", 88},  {"001201", 80}, {"001210", 78}, {"001211", 70}, {"001220", 69}, {"001221", 48},
    {"002001", 92},  {"002011", 82}, {"002021", 72}, {"002101", 79}, {"002111", 69}, {"002121", 50},
    {"002201", 69},  {"002211", 55}, {"002221", 27}, {"010000", 99}, {"010001", 97}, {"010010", 95},
    {"010011", 92},  {"010020", 92}, {"010021", 85}, {"010100", 95}, {"010101", 91}, {"010110", 90},
    {"010111", 83},  {"010120", 84}, {"010121", 71}, {"010200", 92}, {"010201", 81}, {"010210", 82},
    {"010211", 71},  {"010220", 72}, {"010221", 53}, {"011000", 95}, {"011001", 93}, {"011010", 92},
    {"011011", 85},  {"011020", 85}, {"011021", 73}, {"011100", 92}, {"011101", 82}, {"011110", 80},
    {"011111", 72},  {"011120", 70}, {"011121", 59}, {"011200", 84}, {"011201", 70}, {"011210", 71},
    {"011211", 52},  {"011220", 50}, {"011221", 30}, {"012001", 86}, {"012011", 75}, {"012021", 52},
    {"012101", 71},  {"012111", 52}, {"012121", 29}, {"012201", 63}, {"012211", 29}, {"012221", 17},
    {"100000", 98},  {"100001", 95}, {"100010", 94}, {"100011", 87}, {"100020", 91}, {"100021", 81},
    {"100100", 94},  {"100101", 89}, {"100110", 86}, {"100111", 74}, {"100120", 77}, {"100121", 64},
    {"100200", 87},  {"100201", 75}, {"100210", 74}, {"100211", 63}, {"100220", 63}, {"100221", 49},
    {"101000", 94},  {"101001", 89}, {"101010", 88}, {"101011", 77}, {"101020", 76}, {"101021", 67},
    {"101100", 86},  {"101101", 76}, {"101110", 74}, {"101111", 58}, {"101120", 59}, {"101121", 50},
    {"101200", 72},  {"101201", 57}, {"101210", 57}, {"101211", 52}, {"101220", 52}, {"101221", 25},
    {"102001", 83},  {"102011", 70}, {"102021", 54}, {"102101", 65}, {"102111", 58}, {"102121", 26},
    {"102201", 53},  {"102211", 21}, {"102221", 13}, {"110000", 95}, {"110001", 90}, {"110010", 88},
    {"110011", 76},  {"110020", 76}, {"110021", 70}, {"110100", 90}, {"110101", 77}, {"110110", 75},
    {"110111", 62},  {"110120", 61}, {"110121", 53}, {"110200", 77}, {"110201", 66}, {"110210", 68},
    {"110211", 59},  {"110220", 52}, {"110221", 30}, {"111000", 89}, {"111001", 78}, {"111010", 76},
    {"111011", 67},  {"111020", 62}, {"111021", 58}, {"111100", 74}, {"111101", 59}, {"111110", 57},
    {"111111", 57},  {"111120", 47}, {"111121", 23}, {"111200", 61}, {"111201", 52}, {"111210", 57},
    {"111211", 29},  {"111220", 24}, {"111221", 16}, {"112001", 71}, {"112011", 59}, {"112021", 30},
    {"112101", 58},  {"112111", 26}, {"112121", 15}, {"112201", 23}, {"112211", 13}, {"112221", 6},
    {"200000", 93},  {"200001", 87}, {"200010", 86}, {"200011", 72}, {"200020", 75}, {"200021", 58},
    {"200100", 86},  {"200101", 74}, {"200110", 74}, {"200111", 61}, {"200120", 56}, {"200121", 34},
    {"200200", 70},  {"200201", 54}, {"200210", 52}, {"200211", 40}, {"200220", 40}, {"200221", 22},
    {"201000", 85},  {"201001", 75}, {"201010", 74}, {"201011", 55}, {"201020", 62}, {"201021", 51},
    {"201100", 72},  {"201101", 57}, {"201110", 55}, {"201111", 41}, {"201120", 46}, {"201121", 19},
    {"201200", 53},  {"201201", 36}, {"201210", 34}, {"201211", 19}, {"201220", 19}, {"201221", 8},
    {"202001", 64},  {"202011", 51}, {"202021", 20}, {"202101", 47}, {"202111", 21}, {"202121", 11},
    {"202201", 24},  {"202211", 9},  {"202221", 4},  {"210000", 88}, {"210001", 75}, {"210010", 73},
    {"210011", 53},  {"210020", 60}, {"210021", 50}, {"210100", 73}, {"210101", 55}, {"210110", 59},
    {"210111", 40},  {"210120", 41}, {"210121", 20}, {"210200", 54}, {"210201", 43}, {"210210", 45},
    {"210211", 22},  {"210220", 20}, {"210221", 11}, {"211000", 75}, {"211001", 55}, {"211010", 58},
    {"211011", 45},  {"211020", 40}, {"211021", 21}, {"211100", 61}, {"211101", 51}, {"211110", 48},
    {"211111", 18},  {"211120", 20}, {"211121", 9},  {"211200", 46}, {"211201", 18}, {"211210", 17},
    {"211211", 7},   {"211220", 8},  {"211221", 2},  {"212001", 53}, {"212011", 24}, {"212021", 14},
    {"212101", 24},  {"212111", 12}, {"212121", 5},  {"212201", 10}, {"212211", 3},  {"212221", 1},
}};
// clang-format on

// EQ levels: EQ1 0-2, EQ2 0-1, EQ3 0-2, EQ4 0-2, EQ5 0-2, EQ6 0-1.
using Eqs = std::array<int, 6>;
constexpr Eqs kEqLevels = {3, 2, 3, 3, 3, 2};
constexpr size_t kMacroSlots = 3 * 2 * 3 * 3 * 3 * 2;

// Position of a MacroVector in a dense table, or kMacroSlots when a level is out of range.
constexpr size_t MacroSlot(const Eqs& eq) {
  size_t slot = 0;
  for (size_t i = 0; i < eq.size(); ++i) {
    if (eq[i] < 0 || eq[i] >= kEqLevels[i]) return kMacroSlots;
    slot = slot * static_cast<size_t>(kEqLevels[i]) + static_cast<size_t>(eq[i]);
  }
  return slot;
}

// kMacroScores as a dense table; -1 marks the 54 combinations that cannot occur (EQ3 = 2 with
// EQ6 = 0: no H impact on the vulnerable system, yet an H impact with an H requirement).
constexpr std::array<int, kMacroSlots> kMacroTable = [] {
  std::array<int, kMacroSlots> table{};
  table.fill(-1);
  for (const auto& m : kMacroScores) {
    Eqs eq{};
    for (size_t i = 0; i < eq.size(); ++i) eq[i] = m.macro[i] - '0';
    table[MacroSlot(eq)] = m.tenths;
  }
  return table;
}();

static_assert(std::count(kMacroTable.begin(), kMacroTable.end(), -1) == kMacroSlots - 270,
              "every MacroVector of the lookup table is distinct and in range");

// The score of a MacroVector, or nullopt when there is no such MacroVector.
std::optional<double> MacroVectorScore(const Eqs& eq) {
  size_t slot = MacroSlot(eq);
  if (slot == kMacroSlots || kMacroTable[slot] < 0) return std::nullopt;
  return kMacroTable[slot] / 10.0;
}

// Severity levels of metric values (the reference calculator's METRIC_LEVELS): the severity
// distance between two vectors is, per metric, the difference of these levels. Only the
// metrics that enter the score have levels.
struct MetricLevels {
  Metric metric;
  std::array<std::pair<char, double>, 4> levels;
};

constexpr std::array<MetricLevels, 15> kLevels = {{
    {kAV, {{{'N', 0.0}, {'A', 0.1}, {'L', 0.2}, {'P', 0.3}}}},
    {kPR, {{{'N', 0.0}, {'L', 0.1}, {'H', 0.2}}}},
    {kUI, {{{'N', 0.0}, {'P', 0.1}, {'A', 0.2}}}},
    {kAC, {{{'L', 0.0}, {'H', 0.1}}}},
    {kAT, {{{'N', 0.0}, {'P', 0.1}}}},
    {kVC, {{{'H', 0.0}, {'L', 0.1}, {'N', 0.2}}}},
    {kVI, {{{'H', 0.0}, {'L', 0.1}, {'N', 0.2}}}},
    {kVA, {{{'H', 0.0}, {'L', 0.1}, {'N', 0.2}}}},
    {kSC, {{{'H', 0.1}, {'L', 0.2}, {'N', 0.3}}}},
    {kSI, {{{'S', 0.0}, {'H', 0.1}, {'L', 0.2}, {'N', 0.3}}}},
    {kSA, {{{'S', 0.0}, {'H', 0.1}, {'L', 0.2}, {'N', 0.3}}}},
    {kCR, {{{'H', 0.0}, {'M', 0.1}, {'L', 0.2}}}},
    {kIR, {{{'H', 0.0}, {'M', 0.1}, {'L', 0.2}}}},
    {kAR, {{{'H', 0.0}, {'M', 0.1}, {'L', 0.2}}}},
    {kE, {{{'U', 0.2}, {'P', 0.1}, {'A', 0.0}}}},
}};

double LevelOf(const MetricLevels& m, char value) {
  for (const auto& [v, level] : m.levels) {
    if (v == value && v != '\0') return level;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// The highest-severity vectors of each EQ level (the reference calculator's MAX_COMPOSED),
// as the values of the metrics the EQ covers; "" ends a shorter list. The score interpolates
// from the first combination (EQ1 outermost, EQ5 innermost) that is at least as severe as
// the vector in every metric.
constexpr std::array<Metric, 3> kEq1Metrics = {kAV, kPR, kUI};
constexpr std::array<std::array<std::string_view, 3>, 3> kEq1Max = {{
    {"NNN"},
    {"ANN", "NLN", "NNP"},
    {"PNN", "ALP"},
}};
constexpr std::array<Metric, 2> kEq2Metrics = {kAC, kAT};
constexpr std::array<std::array<std::string_view, 2>, 2> kEq2Max = {{{"LN"}, {"HN", "LP"}}};
constexpr std::array<Metric, 6> kEq3Eq6Metrics = {kVC, kVI, kVA, kCR, kIR, kAR};
constexpr std::array<std::array<std::array<std::string_view, 5>, 2>, 3> kEq3Eq6Max = {{
    {{{"HHHHHH"}, {"HHLMMH", "HHHMMM"}}},
    {{{"LHHHHH", "HLHHHH"}, {"LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM"}}},
    {{{}, {"LLLHHH"}}},
}};
constexpr std::array<Metric, 3> kEq4Metrics = {kSC, kSI, kSA};
constexpr std::array<std::string_view, 3> kEq4Max = {"HSS", "HHH", "LLL"};
constexpr std::array<std::string_view, 3> kEq5Max = {"A", "P", "U"};

// Depth of each MacroVector (the reference calculator's MAX_SEVERITY), in steps of 0.1.
constexpr std::array<int, 3> kEq1Depth = {1, 4, 5};
constexpr std::array<int, 2> kEq2Depth = {1, 2};
constexpr std::array<std::array<int, 2>, 3> kEq3Eq6Depth = {{{7, 6}, {8, 8}, {0, 10}}};
constexpr std::array<int, 3> kEq4Depth = {6, 5, 4};
constexpr double kStep = 0.1;

// A parsed vector: the value given for each metric, "" when absent or X (Not Defined).
struct Vector {
  std::array<std::string_view, kMetricCount> given{};

  char Raw(Metric m) const { return given[m].empty() ? 'X' : given[m][0]; }

  // The value that scores: a modified metric overrides its Base metric; an undefined E counts
  // as Attacked and undefined security requirements as High (the worst case).
  char Effective(Metric m) const {
    if (m == kE && Raw(m) == 'X') return 'A';
    if ((m == kCR || m == kIR || m == kAR) && Raw(m) == 'X') return 'H';
    if (m < kBaseMetricCount) {
      auto modified = static_cast<Metric>(kMAV + m);
      if (Raw(modified) != 'X') return Raw(modified);
    }
    return Raw(m);
  }
};

std::string Expected(const MetricDef& def) {
  std::string out;
  for (auto v : def.values) {
    if (v.empty()) continue;
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

std::unexpected<Error> VectorError(ErrorCode code, size_t offset, std::string message) {
  return std::unexpected(Error{code, std::move(message), "", offset, Error::PositionKind::kOffset});
}

Result<Vector> Parse(std::string_view vector) {
  if (vector.size() > kMaxCvss4VectorBytes) {
    return VectorError(ErrorCode::kLimitExceeded, kMaxCvss4VectorBytes,
                       fmt::format("CVSS v4.0 vector is {} bytes long (limit {})", vector.size(),
                                   kMaxCvss4VectorBytes));
  }
  constexpr std::string_view kPrefix = "CVSS:4.0/";
  if (!vector.starts_with(kPrefix)) {
    return VectorError(
        ErrorCode::kCorrupt, 0,
        fmt::format("CVSS vector '{}' does not start with '{}'", Excerpt(vector, 60), kPrefix));
  }
  Vector out;
  std::array<size_t, kMetricCount> seen_at{};
  size_t offset = kPrefix.size();
  while (offset <= vector.size()) {
    size_t end = std::min(vector.find('/', offset), vector.size());
    std::string_view part = vector.substr(offset, end - offset);
    size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size()) {
      return VectorError(ErrorCode::kCorrupt, offset,
                         fmt::format("CVSS v4.0 vector part '{}' at offset {} is not METRIC:VALUE",
                                     Excerpt(part, 30), offset));
    }
    std::string_view name = part.substr(0, colon);
    std::string_view value = part.substr(colon + 1);
    const auto* def = std::find_if(kMetrics.begin(), kMetrics.end(),
                                   [&](const MetricDef& d) { return d.name == name; });
    if (def == kMetrics.end()) {
      return VectorError(ErrorCode::kCorrupt, offset,
                         fmt::format("CVSS v4.0 vector has unknown metric '{}' at offset {}",
                                     Excerpt(name, 10), offset));
    }
    auto metric = static_cast<size_t>(def - kMetrics.begin());
    if (seen_at[metric] != 0) {
      return VectorError(ErrorCode::kCorrupt, offset,
                         fmt::format("CVSS v4.0 metric {} appears twice (offsets {} and {})",
                                     def->name, seen_at[metric], offset));
    }
    seen_at[metric] = offset;
    if (std::find(def->values.begin(), def->values.end(), value) == def->values.end()) {
      return VectorError(
          ErrorCode::kCorrupt, offset + colon + 1,
          fmt::format("CVSS v4.0 metric {} has unknown value '{}' at offset {} (expected {})",
                      def->name, Excerpt(value, 10), offset + colon + 1, Expected(*def)));
    }
    if (value != "X") out.given[metric] = value;
    offset = end + 1;
  }
  for (int m = 0; m < kBaseMetricCount; ++m) {
    if (seen_at[m] == 0) {
      return VectorError(ErrorCode::kCorrupt, vector.size(),
                         fmt::format("CVSS v4.0 vector lacks Base metric {}", kMetrics[m].name));
    }
  }
  return out;
}

Eqs MacroVectorOf(const Vector& v) {
  char av = v.Effective(kAV), pr = v.Effective(kPR), ui = v.Effective(kUI);
  char vc = v.Effective(kVC), vi = v.Effective(kVI), va = v.Effective(kVA);
  Eqs eq{};
  if (av == 'N' && pr == 'N' && ui == 'N') {
    eq[0] = 0;
  } else if ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P') {
    eq[0] = 1;
  } else {
    eq[0] = 2;
  }
  eq[1] = v.Effective(kAC) == 'L' && v.Effective(kAT) == 'N' ? 0 : 1;
  if (vc == 'H' && vi == 'H') {
    eq[2] = 0;
  } else if (vc == 'H' || vi == 'H' || va == 'H') {
    eq[2] = 1;
  } else {
    eq[2] = 2;
  }
  if (v.Raw(kMSI) == 'S' || v.Raw(kMSA) == 'S') {
    eq[3] = 0;
  } else if (v.Effective(kSC) == 'H' || v.Effective(kSI) == 'H' || v.Effective(kSA) == 'H') {
    eq[3] = 1;
  } else {
    eq[3] = 2;
  }
  char e = v.Effective(kE);
  eq[4] = e == 'A' ? 0 : e == 'P' ? 1 : 2;
  bool requirement_met = (v.Effective(kCR) == 'H' && vc == 'H') ||
                         (v.Effective(kIR) == 'H' && vi == 'H') ||
                         (v.Effective(kAR) == 'H' && va == 'H');
  eq[5] = requirement_met ? 0 : 1;
  return eq;
}

// The MacroVector one step less severe along `eq_index`, and its score (nullopt if none).
std::optional<double> LowerScore(Eqs eq, size_t eq_index) {
  ++eq[eq_index];
  return MacroVectorScore(eq);
}

// The next lower MacroVector of EQ3 and EQ6 together (they are scored as one dimension).
std::optional<double> LowerEq3Eq6Score(const Eqs& eq) {
  int eq3 = eq[2], eq6 = eq[5];
  if (eq6 == 1) return LowerScore(eq, 2);  // 01 -> 11, 11 -> 21, 21 -> none
  if (eq3 == 1) return LowerScore(eq, 5);  // 10 -> 11
  auto left = LowerScore(eq, 5);           // 00 -> 01
  auto right = LowerScore(eq, 2);          // 00 -> 10
  if (!left || !right) return std::nullopt;
  return std::max(*left, *right);
}

using MetricDistances = std::array<double, kMetricCount>;

// Per-metric severity distances of `v` from the combination of highest-severity vectors
// `max` (both indexed by metric; only the metrics of kLevels are set).
MetricDistances Distances(const Vector& v, const std::array<char, kMetricCount>& max) {
  MetricDistances out{};
  for (const auto& m : kLevels) {
    out[m.metric] = LevelOf(m, v.Effective(m.metric)) - LevelOf(m, max[m.metric]);
  }
  return out;
}

// Distances from the first highest-severity combination at least as severe as `v` in every
// metric (or from the last one, as the reference does, should none be).
MetricDistances DistancesFromMax(const Vector& v, const Eqs& eq) {
  std::array<char, kMetricCount> max{};
  MetricDistances distances{};
  auto fill = [&](const auto& metrics, std::string_view values) {
    for (size_t i = 0; i < metrics.size(); ++i) max[metrics[i]] = values[i];
  };
  auto at_least_as_severe = [&] {
    return std::all_of(kLevels.begin(), kLevels.end(),
                       [&](const MetricLevels& m) { return distances[m.metric] >= 0; });
  };
  for (auto eq1 : kEq1Max[eq[0]]) {
    if (eq1.empty()) continue;
    fill(kEq1Metrics, eq1);
    for (auto eq2 : kEq2Max[eq[1]]) {
      if (eq2.empty()) continue;
      fill(kEq2Metrics, eq2);
      for (auto eq3 : kEq3Eq6Max[eq[2]][eq[5]]) {
        if (eq3.empty()) continue;
        fill(kEq3Eq6Metrics, eq3);
        fill(kEq4Metrics, kEq4Max[eq[3]]);
        max[kE] = kEq5Max[eq[4]][0];
        distances = Distances(v, max);
        if (at_least_as_severe()) return distances;
      }
    }
  }
  return distances;
}

// Rounds a score in 0..10 half up to one decimal as the reference calculator does: it adds
// 1e-6 first, since the interpolation can land one ulp below a tie (5.6499999999999995 for
// 5.65; 522 of the 104,976 Base vectors), then takes JavaScript's Math.round(x * 10) / 10.
double RoundToTenth(double x) {
  constexpr double kEpsilon = 1e-6;
  double shifted = (x + kEpsilon) * 10;
  double whole = std::floor(shifted);
  if (shifted - whole >= 0.5) whole += 1;  // exact: shifted - whole is representable
  return whole / 10;
}

// The score of `v`, whose MacroVector is `eq`; nullopt if `eq` is not in the lookup table
// (which MacroVectorOf never yields: EQ3 = 2 rules out EQ6 = 0).
std::optional<double> ScoreOf(const Vector& v, const Eqs& eq) {
  constexpr std::array<Metric, 6> kImpact = {kVC, kVI, kVA, kSC, kSI, kSA};
  if (std::all_of(kImpact.begin(), kImpact.end(),
                  [&](Metric m) { return v.Effective(m) == 'N'; })) {
    return 0.0;
  }
  std::optional<double> macro_score = MacroVectorScore(eq);
  if (!macro_score) return std::nullopt;
  double value = *macro_score;
  MetricDistances d = DistancesFromMax(v, eq);
  // Each EQ with a lower MacroVector moves the score towards it by the vector's proportional
  // distance from the MacroVector's highest-severity vector; the score drops by their mean.
  struct Dimension {
    std::optional<double> lower;
    double distance;
    int depth;
  };
  const Dimension dims[] = {
      {LowerScore(eq, 0), d[kAV] + d[kPR] + d[kUI], kEq1Depth[eq[0]]},
      {LowerScore(eq, 1), d[kAC] + d[kAT], kEq2Depth[eq[1]]},
      {LowerEq3Eq6Score(eq), d[kVC] + d[kVI] + d[kVA] + d[kCR] + d[kIR] + d[kAR],
       kEq3Eq6Depth[eq[2]][eq[5]]},
      {LowerScore(eq, 3), d[kSC] + d[kSI] + d[kSA], kEq4Depth[eq[3]]},
  };
  int lower_count = 0;
  double sum = 0;
  for (const auto& dim : dims) {
    if (!dim.lower) continue;
    ++lower_count;
    double proportion = dim.distance / (dim.depth * kStep);
    sum += (value - *dim.lower) * proportion;
  }
  // EQ5 (exploit maturity) has no depth: it counts towards the mean with a zero distance.
  if (LowerScore(eq, 4)) ++lower_count;
  double mean = lower_count == 0 ? 0 : sum / lower_count;
  return RoundToTenth(std::max(0.0, std::min(10.0, value - mean)));
}

}  // namespace

Result<Cvss4Score> ScoreCvss4(std::string_view vector) {
  Vector v = PC_TRY(Parse(vector));
  Eqs eq = MacroVectorOf(v);
  Cvss4Score out;
  for (int level : eq) out.macro_vector += static_cast<char>('0' + level);
  std::optional<double> score = ScoreOf(v, eq);
  if (!score) {
    return Fail(ErrorCode::kInternal, "CVSS v4.0 MacroVector {} of '{}' has no score",
                out.macro_vector, Excerpt(vector, 60));
  }
  out.score = *score;
  out.severity = SeverityOfScore(out.score);
  bool threat = !v.given[kE].empty();
  bool environmental = false;
  for (int m = kCR; m <= kMSA; ++m) environmental = environmental || !v.given[m].empty();
  out.nomenclature = std::string("CVSS-B") + (threat ? "T" : "") + (environmental ? "E" : "");
  return out;
}

}  // namespace portcullis::vuln
