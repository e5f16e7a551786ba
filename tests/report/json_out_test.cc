// JsonOut against nlohmann-json's dump(2) as the oracle: same bytes for the same document.
#include "report/json_out.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>

namespace portcullis::testing {
namespace {

using nlohmann::ordered_json;

std::string Oracle(const ordered_json& j) {
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

TEST(ReportJsonOutTest, LayoutMatchesNlohmannDump) {
  std::string out;
  JsonOut j(out);
  j.BeginObject();
  j.Field("s", "a\"b\\c/\b\f\n\r\t\x01\x1f\x7f caf\xc3\xa9");
  j.Field("bad", "x\xff\xc3(y");
  j.Field("n", uint64_t{18446744073709551615ull});
  j.Field("t", true);
  j.Key("null");
  j.Null();
  j.Key("empty_object");
  j.BeginObject();
  j.EndObject();
  j.Key("empty_array");
  j.BeginArray();
  j.EndArray();
  j.Key("nested");
  j.BeginArray();
  j.BeginObject();
  j.StringArray("list", {"x", ""});
  j.EndObject();
  j.BeginArray();
  j.EndArray();
  j.EndArray();
  j.EndObject();
  ordered_json want = {{"s", "a\"b\\c/\b\f\n\r\t\x01\x1f\x7f caf\xc3\xa9"},
                       {"bad", "x\xff\xc3(y"},
                       {"n", 18446744073709551615ull},
                       {"t", true},
                       {"null", nullptr},
                       {"empty_object", ordered_json::object()},
                       {"empty_array", ordered_json::array()},
                       {"nested", {{{"list", {"x", ""}}}, ordered_json::array()}}};
  EXPECT_EQ(out, Oracle(want));
}

class ReportJsonOutDoubleTest : public ::testing::TestWithParam<double> {};

TEST_P(ReportJsonOutDoubleTest, DoublesMatchNlohmann) {
  std::string out;
  JsonOut j(out);
  j.Double(GetParam());
  EXPECT_EQ(out, Oracle(ordered_json(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(Report, ReportJsonOutDoubleTest,
                         ::testing::Values(0.0, 5.5, 9.8, 10.0, 7.25, 1.0 / 3.0, 1e-5, 3e20,
                                           std::numeric_limits<double>::quiet_NaN()));

}  // namespace
}  // namespace portcullis::testing
