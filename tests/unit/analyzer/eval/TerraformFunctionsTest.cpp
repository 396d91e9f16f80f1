//===- TerraformFunctionsTest.cpp - Terraform's built-in functions --------===//
//
// Expected values are the documented examples of
// developer.hashicorp.com/terraform/language/functions/<name>, plus edge
// cases whose results were checked with `terraform console` (Terraform
// 1.11.4); what stays known with Unknown arguments was checked there too,
// with variables that have no value.
//
// Arguments are written as JSON; {"$unknown": "why"} is an Unknown and
// {"$expression": "text"} an Expression.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/Functions.h"

#include "analyzer/model/ValueJson.h"

#include <catch2/catch.hpp>

#include <map>

using namespace rampart;
using namespace rampart::eval::terraform;
using model::Member;
using model::Value;
using model::ValueKind;

namespace {

Value fromJson(const nlohmann::json &J) {
  switch (J.type()) {
  case nlohmann::json::value_t::null:
    return Value::null();
  case nlohmann::json::value_t::boolean:
    return Value::boolean(J.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return Value::integer(J.get<int64_t>());
  case nlohmann::json::value_t::number_float:
    return Value::floating(J.get<double>());
  case nlohmann::json::value_t::string:
    return Value::string(J.get<std::string>());
  case nlohmann::json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &E : J)
      Items.push_back(fromJson(E));
    return Value::array(std::move(Items));
  }
  default: {
    if (J.contains("$unknown"))
      return Value::unknown(J["$unknown"].get<std::string>());
    if (J.contains("$expression"))
      return Value::expression(J["$expression"].get<std::string>());
    std::vector<Member> Members;
    for (const auto &[K, E] : J.items())
      Members.push_back({K, {}, fromJson(E)});
    return Value::object(std::move(Members));
  }
  }
}

std::vector<Value> args(llvm::StringRef Json) {
  std::vector<Value> Out;
  for (const auto &E : nlohmann::json::parse(Json.str()))
    Out.push_back(fromJson(E));
  return Out;
}

struct Result {
  std::optional<Value> V;
  std::vector<Diagnostic> Diags;

  std::string json() const {
    return V ? model::valueToJson(*V).dump() : "<no such function>";
  }
  bool isUnknown() const { return V && V->is(ValueKind::Unknown); }
  std::string reason() const { return V ? V->asString().str() : ""; }
  size_t count(Severity S) const {
    return llvm::count_if(Diags,
                          [&](const Diagnostic &D) { return D.Level == S; });
  }
};

Result call(llvm::StringRef Name, llvm::StringRef ArgsJson,
            std::function<FileText(const std::string &)> Read = nullptr) {
  Result R;
  std::vector<Value> A = args(ArgsJson);
  CallContext Ctx;
  Ctx.Diagnostics = &R.Diags;
  Ctx.Args.resize(A.size());
  Ctx.ReadFile = std::move(Read);
  R.V = callFunction(Name, A, Ctx);
  return R;
}

std::string str(llvm::StringRef S) { return nlohmann::json(S.str()).dump(); }

// A call that must succeed without diagnostics.
#define TF_EQ(Name_, Args_, Expected_)                                         \
  do {                                                                         \
    INFO(Name_ << "(" << Args_ << ")");                                        \
    Result R_ = call(Name_, Args_);                                            \
    CHECK(R_.json() == (Expected_));                                           \
    CHECK(R_.Diags.empty());                                                   \
  } while (0)

// A call that must fail: Unknown plus one error whose message contains Msg_.
#define TF_ERR(Name_, Args_, Msg_)                                             \
  do {                                                                         \
    INFO(Name_ << "(" << Args_ << ")");                                        \
    Result R_ = call(Name_, Args_);                                            \
    CHECK(R_.isUnknown());                                                     \
    REQUIRE(R_.Diags.size() == 1);                                             \
    CHECK(R_.Diags[0].Level == Severity::Error);                               \
    CHECK_THAT(R_.Diags[0].Message, Catch::Contains(Msg_));                    \
  } while (0)

// A call whose result is Unknown (no error) with a reason containing Why_.
#define TF_UNKNOWN(Name_, Args_, Why_)                                         \
  do {                                                                         \
    INFO(Name_ << "(" << Args_ << ")");                                        \
    Result R_ = call(Name_, Args_);                                            \
    CHECK(R_.isUnknown());                                                     \
    CHECK(R_.count(Severity::Error) == 0);                                     \
    CHECK_THAT(R_.reason(), Catch::Contains(Why_));                            \
  } while (0)

const char *const U = R"({"$unknown": "variable 'u' has no value"})";

std::string withUnknown(llvm::StringRef Before, llvm::StringRef After = "") {
  return Before.str() + U + After.str();
}

} // namespace

TEST_CASE("Terraform functions: names", "[tffn]") {
  TF_EQ("core::upper", R"(["a"])", str("A"));
  CHECK(call("nosuchfunction", "[]").json() == "<no such function>");
  Result P = call("provider::aws::arn_parse", R"(["arn:aws:s3:::b"])");
  REQUIRE(P.V);
  CHECK(P.isUnknown());
  CHECK_THAT(P.reason(), Catch::Contains("provider-defined"));
  TF_ERR("upper", "[]", "upper() takes 1 argument, found 0");
  TF_ERR("upper", R"(["a", "b"])", "found 2");
  TF_ERR("upper", "[null]", "must not be null");
  TF_ERR("list", R"(["a"])", "removed in Terraform 0.15");
}

TEST_CASE("Terraform functions: format", "[tffn]") {
  TF_EQ("format", R"(["Hello, %s!", "Ander"])", str("Hello, Ander!"));
  TF_EQ("format", R"(["There are %d lights", 4])", str("There are 4 lights"));
  TF_EQ("format", R"(["%5.2f|%q|%#v", 3.14159, "hi", {"a": 1}])",
        str(R"( 3.14|"hi"|{"a":1})"));
  TF_EQ("format", R"(["%v|%v|%v", 1.5, true, [1, "a"]])",
        str(R"(1.5|true|[1,"a"])"));
  // %v prints numbers as %g does, in the shortest form.
  TF_EQ("format", R"(["%v|%v|%v|%v", 1234567, 100000, 0.000012, -0.5])",
        str("1.234567e+06|100000|1.2e-05|-0.5"));
  TF_EQ("format",
        R"(["%-05s|%-05d|%05.1f|%+.2e|% f|%#o|%#b|%.0d|%.5d|%8.3d", "ab", 42,
            -2.25, 12345, 1.5, 8, 5, 0, 42, -7])",
        str("ab000|42   |-02.2|+1.23e+04| 1.500000|010|0b101||00042|    -007"));
  // Exact binary ties round to even.
  TF_EQ("format", R"(["%.2f|%.1f|%.0f|%.0f", 0.125, 0.25, 0.5, 1.5])",
        str("0.12|0.2|0|2"));
  TF_EQ("format", R"(["%s|%s|%s|%q|%q", true, 5, 1.25, 5, true])",
        str(R"(true|5|1.25|"5"|"true")"));
  TF_EQ("format", R"(["%[2]s %[1]s %s", "a", "b"])", str("b a b"));
  TF_EQ("format", R"(["%[1]s%[1]s%s", "a", "b"])", str("aab"));
  TF_EQ("format", R"(["%[2]s", "a", "b"])", str("b"));
  TF_EQ("format", R"(["%.s|%.0s|%.2s|%5.1s|", "abc", "abc", "héllo", "xyz"])",
        str("abc|abc|hé|    x|"));
  TF_EQ("format", R"(["%5t|%05s|%.3v|%05v|%-4v|%4v", true, "ab", "abcdef", 7,
                      true, [1]])",
        str("true|000ab|abcdef|00007|true| [1]"));
  TF_EQ("format", R"(["%x|%X|%o|%b|%x", 255, 255, 8, 5, 3.0])",
        str("ff|FF|10|101|3"));
  TF_EQ("format", R"(["%10.4g|%g|%G|%.3G", 1234.5678, 1e-5, 1e-5, 1234567])",
        str("      1235|1e-05|1E-05|1.23E+06"));
  TF_EQ("format", R"(["%g|%g|%g|%g", 100000, 1e6, 1.0, 123456789])",
        str("100000|1e+06|1|1.23456789e+08"));
  TF_EQ("format", R"(["%e|%e|%f", 12345.678, 1e21, 0])",
        str("1.234568e+04|1.000000e+21|0.000000"));
  TF_EQ("format", R"(["%d|%5.2d|%+x|% o|%#X", 0, 3, 255, 8, 255])",
        str("0|   03|+ff| 10|0XFF"));
  TF_EQ("format", R"(["%d", "12"])", str("12"));
  TF_EQ("format", R"(["%t", "true"])", str("true"));
  TF_EQ("format", R"(["%#v", "a<b>&"])", str(R"("a\u003cb\u003e\u0026")"));
  TF_EQ("format", R"(["100%%"])", str("100%"));

  TF_ERR("format", R"(["%d", 1.5])", "an integer is required");
  TF_ERR("format", R"(["%x", "hello"])", "a number is required");
  TF_ERR("format", R"(["%t", 1])", "bool required");
  TF_ERR("format", R"(["%s", [1]])", "string required");
  TF_ERR("format", R"(["%s"])", "need index 1 but have 0 total");
  TF_ERR("format", R"(["%s %s", "a"])", "need index 2 but have 1 total");
  TF_ERR("format", R"(["%s", "a", "b"])", "too many arguments; only 1 used");
  TF_ERR("format", R"(["%%", "a"])", "no verbs in format string");
  TF_ERR("format", R"(["%z", 1])", "unsupported format verb 'z'");
  TF_ERR("format", R"(["%*d", 5, 3])", "unrecognized format character '*'");
  TF_ERR("format", R"(["abc%"])", "invalid format string starting at offset 4");
  TF_ERR("format", R"(["%s", null])", "null value cannot be formatted");

  // A literal null is of no type in Terraform, and its text depends on it.
  TF_UNKNOWN("format", R"(["%v", null])", "null");
  // 2.675 is just below the tie in binary; Terraform's 512-bit value
  // decides the rounding.
  TF_UNKNOWN("format", R"(["%.2f", 2.675])", "binary representation");
  TF_UNKNOWN("format", withUnknown(R"(["%s-%s", "a", )", "]"), "variable 'u'");
  TF_UNKNOWN("format", withUnknown(R"(["%s", [)", "]]"), "variable 'u'");
}

TEST_CASE("Terraform functions: formatlist", "[tffn]") {
  TF_EQ(
      "formatlist",
      R"(["Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"]])",
      R"(["Hello, Valentina!","Hello, Ander!","Hello, Olivia!","Hello, Sam!"])");
  TF_EQ(
      "formatlist",
      R"(["%s, %s!", "Salutations", ["Valentina", "Ander", "Olivia", "Sam"]])",
      R"(["Salutations, Valentina!","Salutations, Ander!","Salutations, Olivia!","Salutations, Sam!"])");
  TF_EQ("formatlist", R"(["x"])", R"(["x"])");
  TF_EQ("formatlist", R"(["%s", []])", "[]");
  TF_ERR("formatlist", R"(["%s-%s", ["a", "b"], ["c"]])",
         "argument 2 has length 1, which is inconsistent with argument 1 of "
         "length 2");
  TF_ERR("formatlist", R"(["%s %s", ["a"], "b", "c"])",
         "error on format iteration 0: too many arguments");
  // One unknown element leaves the other rows known.
  Result R = call("formatlist", withUnknown(R"(["%s", ["a", )", "]]"));
  CHECK(R.json() == R"(["a",{"$unknown":"variable 'u' has no value"}])");
  // An unknown argument may be a list whose length decides the result's.
  TF_UNKNOWN("formatlist", withUnknown(R"(["%s", )", "]"), "variable 'u'");
}

TEST_CASE("Terraform functions: strings", "[tffn]") {
  TF_EQ("join", R"([", ", ["foo", "bar", "baz"]])", str("foo, bar, baz"));
  TF_EQ("join", R"([", ", ["foo"]])", str("foo"));
  TF_EQ("join", R"([",", [1, true, "x"]])", str("1,true,x"));
  TF_EQ("join", R"([",", [], ["a", "b"], ["c"]])", str("a,b,c"));
  TF_ERR("join", R"([",", ["a", null]])", "element 1 is null");
  TF_ERR("join", R"([","])", "at least one list is required");
  TF_UNKNOWN("join", withUnknown(R"([",", ["a", )", "]]"), "variable 'u'");

  TF_EQ("split", R"([",", "foo,bar,baz"])", R"(["foo","bar","baz"])");
  TF_EQ("split", R"([",", "foo"])", R"(["foo"])");
  TF_EQ("split", R"([",", ""])", R"([""])");
  TF_EQ("split", R"(["", "abc"])", R"(["a","b","c"])");
  TF_EQ("split", R"([",", "a,,b"])", R"(["a","","b"])");

  TF_EQ("lower", R"(["HELLO"])", str("hello"));
  TF_EQ("lower", R"(["АЛЛО!"])", str("алло!"));
  TF_EQ("upper", R"(["hello"])", str("HELLO"));
  TF_EQ("upper", R"(["алло!"])", str("АЛЛО!"));
  TF_EQ("upper", R"(["ßàÿıſ"])", str("ßÀŸIS"));
  TF_EQ("lower", R"(["ÀİΣΑ"])", str("àiσα"));
  TF_EQ("upper", "[5]", str("5"));
  TF_UNKNOWN("upper", R"(["ǆ"])", "case mapping");
  TF_EQ("title", R"(["hello world"])", str("Hello World"));
  TF_EQ("title", R"(["hello world-foo_bar émile 1st"])",
        str("Hello World-Foo_bar Émile 1st"));
  TF_EQ("title", R"(["αβγ δ"])", str("Αβγ Δ"));

  TF_EQ("trimspace", R"(["  hello\n\n"])", str("hello"));
  TF_EQ("trimspace", R"(["\u00a0 x \u3000\n"])", str("x"));
  TF_EQ("trim", R"(["?!hello?!", "!?"])", str("hello"));
  TF_EQ("trim", R"(["foobar", "far"])", str("oob"));
  TF_EQ("trim", R"(["   hello! world.!  ", "! "])", str("hello! world."));
  TF_EQ("trimprefix", R"(["helloworld", "hello"])", str("world"));
  TF_EQ("trimprefix", R"(["helloworld", "cat"])", str("helloworld"));
  TF_EQ("trimsuffix", R"(["helloworld", "world"])", str("hello"));
  TF_EQ("chomp", R"(["hello\n"])", str("hello"));
  TF_EQ("chomp", R"(["hello\r\n"])", str("hello"));
  TF_EQ("chomp", R"(["hello\n\n"])", str("hello"));
  TF_EQ("chomp", R"(["a\n\nb"])", str("a\n\nb"));
  TF_EQ("indent", R"([2, "[\n  foo,\n  bar,\n]\n"])",
        str("[\n    foo,\n    bar,\n  ]\n  "));
  TF_ERR("indent", R"([-1, "a"])", "must not be negative");
  TF_EQ("strrev", R"(["hello"])", str("olleh"));
  TF_EQ("strrev", R"(["a ☃"])", str("☃ a"));
  TF_EQ("strrev", R"(["a👍🏽b"])", str("b👍🏽a"));

  TF_EQ("substr", R"(["hello world", 1, 4])", str("ello"));
  TF_EQ("substr", R"(["🤔🤷", 0, 1])", str("🤔"));
  TF_EQ("substr", R"(["hello world", -5, -1])", str("world"));
  TF_EQ("substr", R"(["hello world", -5, 3])", str("wor"));
  TF_EQ("substr", R"(["abc", -10, 2])", str("ab"));
  TF_EQ("substr", R"(["abc", 5, 1])", str(""));
  TF_EQ("substr", R"(["abc", 1, 0])", str(""));
  // cty short-cuts a zero length only for a non-negative offset.
  TF_EQ("substr", R"(["abc", -1, 0])", str("c"));
  TF_EQ("substr", R"(["abc", 0, -2])", str("abc"));
  TF_EQ("substr", R"(["abc", 1, 10])", str("bc"));
  TF_ERR("substr", R"(["abc", 1.5, 1])", "whole number");

  TF_EQ("startswith", R"(["hello world", "hello"])", "true");
  TF_EQ("startswith", R"(["hello world", "world"])", "false");
  TF_EQ("endswith", R"(["hello world", "world"])", "true");
  TF_EQ("strcontains", R"(["hello world", "wor"])", "true");
  TF_EQ("strcontains", R"(["hello world", "wod"])", "false");
  TF_UNKNOWN("startswith", withUnknown(R"(["abc", )", "]"), "variable 'u'");
}

TEST_CASE("Terraform functions: replace and regular expressions", "[tffn]") {
  TF_EQ("replace", R"(["1 + 2 + 3", "+", "-"])", str("1 - 2 - 3"));
  TF_EQ("replace", R"(["hello world", "/w.*d/", "everybody"])",
        str("hello everybody"));
  TF_EQ("replace", R"(["abc", "", "-"])", str("-a-b-c-"));
  TF_EQ("replace", R"(["hello", "/l+/", "[$0]"])", str("he[ll]o"));
  TF_EQ("replace", R"(["2024-01-15", "/(\\d+)-(\\d+)-(\\d+)/", "$3/$2/$1"])",
        str("15/01/2024"));
  TF_EQ(
      "replace",
      R"(["2024-01-15", "/(?P<y>\\d+)-(?P<m>\\d+)-(?P<d>\\d+)/", "${d}.${m}.${y}"])",
      str("15.01.2024"));
  // Go reads "$1x" as the group named "1x", which does not exist.
  TF_EQ("replace", R"(["abc", "/(b)/", "$1x"])", str("ac"));
  TF_EQ("replace", R"(["abc", "/(b)/", "${1}x$$"])", str("abx$c"));
  // An empty match right after a match is not replaced again.
  TF_EQ("replace", R"(["baaac", "/a*/", "-"])", str("-b-c-"));
  TF_EQ("replace", R"(["Hello", "/(?i)h/", "J"])", str("Jello"));
  TF_EQ("replace", R"(["a/b", "/", "x"])", str("axb"));
  // replace() takes named and unnamed groups together; regex() does not.
  TF_EQ("replace", R"x(["abab", "/(?P<n>b)|()x/", "<${1}>"])x",
        str("a<b>a<b>"));
  TF_EQ("replace", R"x(["x-1-2-y", "/\\w(?U)*/", "$$"])x",
        str("$x$-$1$-$2$-$y$"));

  TF_EQ("regex", R"(["[a-z]+", "53453453.345345aaabbbccc23454"])",
        str("aaabbbccc"));
  TF_EQ("regex", R"x(["(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01"])x",
        R"(["2019","02","01"])");
  TF_EQ(
      "regex",
      R"(["^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/"])",
      R"({"authority":"terraform.io","scheme":"https"})");
  TF_ERR("regex", R"(["[a-z]+", "53453453.34534523454"])",
         "pattern did not match any part of the given string");
  TF_EQ("regex", R"x(["(a)|(b)", "b"])x", R"([null,"b"])");
  // RE2's dot skips only \n; \w and \b are ASCII; matching is by code point.
  TF_EQ("regex", R"(["a.c", "a\rc"])", str("a\rc"));
  TF_ERR("regex", R"(["a.c", "a\nc"])", "did not match");
  TF_EQ("regex", R"(["(?s)a.c", "a\nc"])", str("a\nc"));
  TF_ERR("regex", R"(["^\\w+$", "héllo"])", "did not match");
  TF_EQ("regex", R"(["^.$", "é"])", str("é"));
  TF_EQ("regex", R"(["(?m)^b$", "a\nb\nc"])", str("b"));
  TF_ERR("regex", R"(["^b$", "a\nb\nc"])", "did not match");
  TF_EQ("regex", R"(["a{,3}", "a{,3}"])", str("a{,3}"));
  TF_EQ("regex", R"(["[[:alpha:]]+", "123abc456"])", str("abc"));
  TF_EQ("regex", R"(["\\Qa.b\\E", "xa.by"])", str("a.b"));
  TF_EQ("regex", R"(["[]a]+", "]a]b"])", str("]a]"));
  TF_EQ("regex", R"(["\\x41\\x{42}", "xABy"])", str("AB"));
  TF_EQ("regex", R"x(["(a|ab)(c|bcd)(d*)", "abcd"])x", R"(["a","bcd",""])");
  TF_ERR("regex", R"x(["(?P<a>x)(y)", "xy"])x",
         "cannot mix both named and unnamed capture groups");
  TF_ERR("regex", R"x(["(?=a)", "a"])x", "invalid regexp pattern");
  TF_ERR("regex", R"(["a**", "a"])", "invalid regexp pattern");
  TF_ERR("regex", R"(["(a", "a"])", "invalid regexp pattern");

  TF_EQ("regexall", R"(["[a-z]+", "1234abcd5678efgh9"])", R"(["abcd","efgh"])");
  TF_EQ("regexall", R"(["[a-z]+", "123456789"])", "[]");
  // Go skips the empty match right after "aaa".
  TF_EQ("regexall", R"(["a*", "baaac"])", R"(["","aaa",""])");
  TF_EQ("regexall", R"x(["(?P<k>\\w+)=(?P<v>\\w+)", "a=1, b=2"])x",
        R"([{"k":"a","v":"1"},{"k":"b","v":"2"}])");

  // What we do not model is Unknown with a warning, never a guess.
  Result R = call("regex", R"(["\\pL", "a"])");
  CHECK(R.isUnknown());
  CHECK(R.count(Severity::Warning) == 1);
  TF_UNKNOWN("regex", R"(["(?i)é", "É"])", "non-ASCII");

  // Flags inside the pattern, lazy and counted repetitions, captures in
  // loops: as Go's regexp.
  TF_EQ("regex", R"x(["(?i:a)b", "xAb"])x", str("Ab"));
  TF_EQ("regex", R"x(["a(?i)b|c", "C"])x", str("C"));
  TF_EQ("regex", R"x(["(?U)a+", "aaa"])x", str("a"));
  TF_EQ("regex", R"x(["a{2,4}?", "aaaaa"])x", str("aa"));
  TF_EQ("regex", R"x(["((a)|b)+", "ab"])x", R"(["b","a"])");
  TF_EQ("regex", R"x(["(a*)+", "b"])x", R"([""])");
  TF_EQ("regex", R"x(["(?P<n>a)(?P<n>b)", "ab"])x", R"({"n":"b"})");
  TF_EQ(
      "regex",
      R"x(["^arn:aws:([^:]*):([^:]*):([^:]*):(.*)$", "arn:aws:s3:us-east-1:123456789012:bucket/key"])x",
      R"(["s3","us-east-1","123456789012","bucket/key"])");
  TF_ERR("regex", R"x(["{2}", "a"])x", "missing argument to repetition");
  TF_ERR("regex", R"x(["x{2}{3}", "xxxxxx"])x", "invalid nested repetition");
  TF_ERR("regex", R"x(["\\e", "a"])x", "invalid escape sequence");
  // Backtracking is bounded: this takes exponential time in a naive engine
  // and finds, as Go does, that nothing matches.
  TF_ERR("regex", R"x(["(a+)+b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"])x",
         "did not match");
  TF_EQ("regexall", R"x(["\\b\\w", "hello big world"])x", R"(["h","b","w"])");
}

TEST_CASE("Terraform functions: collections", "[tffn]") {
  TF_EQ("length", "[[]]", "0");
  TF_EQ("length", R"([["a", "b"]])", "2");
  TF_EQ("length", R"([{"a": "b"}])", "1");
  TF_EQ("length", R"(["hello"])", "5");
  TF_EQ("length", R"(["👾🕹️"])", "2");
  TF_EQ("length", R"(["👍🏽x"])", "2");
  TF_EQ("length", R"(["a\r\nb"])", "3");
  TF_ERR("length", "[5]", "argument must be a string, a collection type");
  TF_UNKNOWN("length", R"(["🇫🇷"])", "not modelled");

  TF_EQ("keys", R"([{"a": 1, "c": 2, "d": 3}])", R"(["a","c","d"])");
  TF_EQ("keys", R"([{"b": 1, "a": 2}])", R"(["a","b"])");
  TF_ERR("keys", R"([["a"]])", "must be a map or object");
  TF_EQ("values", R"([{"a": 3, "c": 2, "d": 1}])", "[3,2,1]");
  TF_EQ("values", R"([{"b": 1, "a": 2}])", "[2,1]");

  TF_EQ("lookup", R"([{"a": "ay", "b": "bee"}, "a", "what?"])", str("ay"));
  TF_EQ("lookup", R"([{"a": "ay", "b": "bee"}, "c", "what?"])", str("what?"));
  TF_EQ("lookup", R"([{"a": "x"}, "a", null])", str("x"));
  TF_ERR("lookup", R"([{"a": 1}, "b"])", "no attribute \"b\"");
  TF_ERR("lookup", R"([["a"], "a", "d"])", "requires a map");

  TF_EQ("element", R"([["a", "b", "c"], 1])", str("b"));
  TF_EQ("element", R"([["a", "b", "c"], 3])", str("a"));
  TF_EQ("element", R"([["a", "b", "c"], 5])", str("c"));
  TF_EQ("element", R"([["a", "b"], "1"])", str("b"));
  TF_ERR("element", R"([[], 0])", "empty list");
  TF_ERR("element", R"([["a", "b"], 1.5])", "whole number");
  TF_ERR("element", R"([["a", "b"], -1])", "negative");

  TF_EQ("index", R"([["a", "b", "c"], "b"])", "1");
  TF_ERR("index", R"([["a", "b"], "c"])", "item not found");
  TF_ERR("index", R"([[1, 2], "2"])", "item not found");
  TF_EQ("contains", R"([["a", "b", "c"], "a"])", "true");
  TF_EQ("contains", R"([["a", "b", "c"], "d"])", "false");
  TF_EQ("contains", R"([["1"], 1])", "false");
  TF_EQ("contains", R"([[1, 2], 2.0])", "true");
  TF_EQ("contains", R"([[[1, 2], [3]], [3]])", "true");
  TF_ERR("contains", R"([{"a": 1}, 1])", "must be list, tuple, or set");
  TF_ERR("contains", R"([["a"], null])", "must not be null");

  TF_EQ("coalesce", R"(["a", "b"])", str("a"));
  TF_EQ("coalesce", R"(["", "b"])", str("b"));
  TF_EQ("coalesce", "[1, 2]", "1");
  TF_EQ("coalesce", R"([null, "a"])", str("a"));
  TF_EQ("coalesce", R"([1, "b"])", str("1"));
  TF_EQ("coalesce", R"([["a"], []])", R"(["a"])");
  TF_ERR("coalesce", "[null, null]", "no non-null, non-empty-string arguments");
  TF_ERR("coalesce", R"(["a", [1]])", "all arguments must have the same type");
  TF_ERR("coalesce", "[true, 1]", "all arguments must have the same type");
  TF_EQ("coalescelist", R"([["a", "b"], ["c", "d"]])", R"(["a","b"])");
  TF_EQ("coalescelist", R"([[], ["c", "d"]])", R"(["c","d"])");
  TF_ERR("coalescelist", "[[], []]", "no non-null arguments");
  TF_ERR("coalescelist", R"(["a"])", "must be lists or tuples");

  TF_EQ("compact", R"([["a", "", "b", null, "c"]])", R"(["a","b","c"])");
  TF_EQ("compact", R"([[1, ""]])", R"(["1"])");
  TF_EQ("concat", R"([["a", ""], ["b", "c"]])", R"(["a","","b","c"])");
  TF_ERR("concat", R"([["a"], "b"])", "all arguments must be lists or tuples");
  TF_ERR("concat", R"([["a"], null])", "must not be null");
  TF_EQ("distinct", R"([["a", "b", "a", "c", "d", "b"]])",
        R"(["a","b","c","d"])");
  TF_EQ("distinct", R"([["b", "a", "b", 1, "1"]])", R"(["b","a","1"])");
  TF_EQ("distinct", "[[[1], [1], [2]]]", "[[1],[2]]");
  TF_ERR("distinct", "[[1, true]]", "cannot convert tuple to list");

  TF_EQ("flatten", R"([[["a", "b"], [], ["c"]]])", R"(["a","b","c"])");
  TF_EQ("flatten", R"([[[["a", []], ["b"]], "c"]])", R"(["a","b","c"])");
  TF_EQ("flatten", R"([[{"a": 1}, [[{"b": 2}]]]])", R"([{"a":1},{"b":2}])");
  TF_ERR("flatten", R"(["a"])", "can only flatten lists, sets and tuples");

  TF_EQ("merge", R"([{"a": "b", "c": "d"}, {"e": "f", "c": "z"}])",
        R"({"a":"b","c":"z","e":"f"})");
  TF_EQ("merge", R"([{"a": "b"}, {"a": [1, 2], "c": "z"}, {"d": 3}])",
        R"({"a":[1,2],"c":"z","d":3})");
  TF_EQ("merge", R"([{"b": 1}, {"a": 2, "b": 3}, null])", R"({"a":2,"b":3})");
  TF_EQ("merge", R"([{"a": {"x": 1}}, {"a": {"y": 2}}])", R"({"a":{"y":2}})");
  TF_EQ("merge", "[]", "{}");
  TF_ERR("merge", R"([["a"]])", "arguments must be maps or objects");

  TF_EQ("one", "[[]]", "null");
  TF_EQ("one", R"([["hello"]])", str("hello"));
  TF_ERR("one", R"([["hello", "goodbye"]])", "either zero or one elements");

  TF_EQ("range", "[3]", "[0,1,2]");
  TF_EQ("range", "[1, 4]", "[1,2,3]");
  TF_EQ("range", "[1, 8, 2]", "[1,3,5,7]");
  TF_EQ("range", "[1, 4, 0.5]", "[1,1.5,2,2.5,3,3.5]");
  TF_EQ("range", "[4, 1]", "[4,3,2]");
  TF_EQ("range", "[10, 5, -2]", "[10,8,6]");
  TF_EQ("range", "[0]", "[]");
  TF_ERR("range", "[0, 3, -1]", "end must be less than start");
  TF_ERR("range", "[3, 1, 1]", "end must be greater than start");
  TF_ERR("range", "[0, 1, 0]", "step must not be zero");
  TF_ERR("range", "[0, 2000]", "more than 1024 values were generated");
  // Terraform steps by 0.1 in 512-bit decimals: 0.7000...0006.
  TF_UNKNOWN("range", "[0, 1, 0.1]", "512-bit");

  TF_EQ("reverse", "[[1, 2, 3]]", "[3,2,1]");
  TF_ERR("reverse", R"(["abc"])", "can only reverse list or tuple values");
  TF_EQ("slice", R"([["a", "b", "c", "d"], 1, 3])", R"(["b","c"])");
  TF_EQ("slice", R"([["a", "b", "c"], 1, 1])", "[]");
  TF_ERR("slice", R"([["a", "b", "c"], 2, 1])", "must not be greater than end");
  TF_ERR("slice", R"([["a", "b", "c"], 0, 4])", "greater than the length");
  TF_EQ("sort", R"([["e", "d", "a", "x"]])", R"(["a","d","e","x"])");
  TF_EQ("sort", R"([["b", "a", "B", "10", "9"]])", R"(["10","9","B","a","b"])");
  TF_EQ("sort", "[[3, 1, 20]]", R"(["1","20","3"])");
  TF_ERR("sort", R"([["b", null]])", "a null string cannot be sorted");

  TF_EQ("sum", "[[10, 13, 6, 4.5]]", "33.5");
  TF_EQ("sum", R"([["1", 2]])", "3");
  TF_ERR("sum", "[[]]", "cannot sum an empty list");
  TF_UNKNOWN("sum", "[[0.1, 0.2]]", "512-bit");
  TF_EQ("min", "[12, 54, 3]", "3");
  TF_EQ("max", "[12, 54, 3]", "54");
  TF_EQ("max", R"([3.5, "4"])", "4");
  TF_ERR("min", "[]", "must pass at least one number");

  TF_EQ("alltrue", R"([["true", true]])", "true");
  TF_EQ("alltrue", "[[true, false]]", "false");
  TF_EQ("alltrue", "[[]]", "true");
  TF_EQ("alltrue", "[[null]]", "false");
  TF_ERR("alltrue", "[[1]]", "element 0: bool required");
  TF_EQ("anytrue", R"([["true"]])", "true");
  TF_EQ("anytrue", "[[true, false]]", "true");
  TF_EQ("anytrue", "[[]]", "false");
  TF_EQ("anytrue", "[[null, true]]", "true");

  TF_EQ("chunklist", R"([["a", "b", "c", "d", "e"], 2])",
        R"([["a","b"],["c","d"],["e"]])");
  TF_EQ("chunklist", R"([["a", "b", "c", "d", "e"], 1])",
        R"([["a"],["b"],["c"],["d"],["e"]])");
  TF_EQ("chunklist", R"([["a", "b"], 0])", R"([["a","b"]])");
  TF_EQ("transpose", R"([{"a": ["1", "2"], "b": ["2", "3"]}])",
        R"({"1":["a"],"2":["a","b"],"3":["b"]})");
  TF_EQ(
      "matchkeys",
      R"([["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"]])",
      R"(["i-abc","i-def"])");
  TF_ERR("matchkeys", R"([["a"], ["x", "y"], ["x"]])",
         "length of keys and values should be equal");
  TF_EQ("zipmap", R"([["a", "b"], [1, 2]])", R"({"a":1,"b":2})");
  TF_EQ("zipmap", R"([["a", "b"], [1, [2]]])", R"({"a":1,"b":[2]})");
  TF_EQ("zipmap", R"([["a", "a"], [1, 2]])", R"({"a":2})");
  TF_ERR("zipmap", R"([["a", "b"], [1]])",
         "number of keys (2) does not match number of values (1)");
}

TEST_CASE("Terraform functions: sets", "[tffn]") {
  TF_EQ("setproduct",
        R"([["development", "staging", "production"], ["app1", "app2"]])",
        R"([["development","app1"],["development","app2"],["staging","app1"],)"
        R"(["staging","app2"],["production","app1"],["production","app2"]])");
  TF_EQ("setproduct", R"([["a"], []])", "[]");
  TF_ERR("setproduct", R"([["a"]])", "at least two arguments are required");
  TF_EQ("setunion", R"([["a", "b"], ["b", "c"], ["d"]])",
        R"(["a","b","c","d"])");
  TF_EQ("setunion", R"([[1], ["a"]])", R"(["1","a"])");
  TF_EQ("setunion", "[[3, 1], [2, 10]]", "[1,2,3,10]");
  TF_EQ("setunion", "[[true, false], [true]]", "[false,true]");
  TF_EQ("setintersection", R"([["a", "b"], ["b", "c"], ["b", "d"]])",
        R"(["b"])");
  TF_EQ("setsubtract", R"([["a", "b", "c"], ["a", "c"]])", R"(["b"])");
  TF_UNKNOWN("setunion", withUnknown(R"([["a"], [)", "]]"), "variable 'u'");
}

TEST_CASE("Terraform functions: type conversions", "[tffn]") {
  TF_EQ("tostring", R"(["hello"])", str("hello"));
  TF_EQ("tostring", "[5]", str("5"));
  TF_EQ("tostring", "[true]", str("true"));
  TF_EQ("tostring", "[1e20]", str("100000000000000000000"));
  TF_EQ("tostring", "[1e-7]", str("0.0000001"));
  TF_EQ("tostring", "[null]", "null");
  TF_ERR("tostring", "[[1]]", "cannot convert tuple to string");
  TF_EQ("tonumber", "[1]", "1");
  TF_EQ("tonumber", R"(["1"])", "1");
  TF_EQ("tonumber", R"(["1e3"])", "1000");
  TF_EQ("tonumber", R"(["-2.5e-3"])", "-0.0025");
  TF_EQ("tonumber", R"([".5"])", "0.5");
  TF_EQ("tonumber", "[null]", "null");
  TF_ERR("tonumber", R"(["no"])", "cannot convert \"no\" to number");
  TF_ERR("tonumber", R"(["0x10"])", "cannot convert \"0x10\" to number");
  TF_ERR("tonumber", R"([" 5"])", "cannot convert");
  TF_EQ("tobool", "[true]", "true");
  TF_EQ("tobool", R"(["true"])", "true");
  TF_EQ("tobool", R"(["0"])", "false");
  TF_EQ("tobool", "[null]", "null");
  TF_ERR("tobool", R"(["no"])", "cannot convert \"no\" to bool");
  TF_ERR("tobool", "[1]", "cannot convert number to bool");
  TF_EQ("tolist", R"([["a", "b", "c"]])", R"(["a","b","c"])");
  TF_EQ("tolist", R"([["a", "b", 3]])", R"(["a","b","3"])");
  TF_ERR("tolist", "[[1, true]]", "cannot convert tuple to list");
  TF_EQ("toset", R"([["a", "b", "c"]])", R"(["a","b","c"])");
  TF_EQ("toset", R"([["a", "b", 3]])", R"(["3","a","b"])");
  TF_EQ("toset", R"([["c", "b", "b"]])", R"(["b","c"])");
  TF_EQ("toset", "[[3, 1, 2, 1]]", "[1,2,3]");
  TF_EQ("tomap", R"([{"a": 1, "b": 2}])", R"({"a":1,"b":2})");
  TF_EQ("tomap", R"([{"a": 1, "b": "x"}])", R"({"a":"1","b":"x"})");
  TF_ERR("tomap", R"([{"a": 1, "b": true}])",
         "cannot convert object to map of any single type");
  TF_EQ("sensitive", R"(["secret"])", str("secret"));
  TF_EQ("nonsensitive", R"(["secret"])", str("secret"));
}

TEST_CASE("Terraform functions: numbers", "[tffn]") {
  TF_EQ("abs", "[23]", "23");
  TF_EQ("abs", "[0]", "0");
  TF_EQ("abs", "[-12.4]", "12.4");
  TF_EQ("abs", R"(["5"])", "5");
  TF_ERR("abs", R"(["x"])", "cannot convert \"x\" to number");
  TF_EQ("ceil", "[5]", "5");
  TF_EQ("ceil", "[5.1]", "6");
  TF_EQ("ceil", "[-5.1]", "-5");
  TF_EQ("floor", "[5]", "5");
  TF_EQ("floor", "[4.9]", "4");
  TF_EQ("floor", "[-5.1]", "-6");
  TF_EQ("log", "[50, 10]", "1.6989700043360185");
  TF_EQ("log", "[16, 2]", "4");
  TF_EQ("log", "[1, 10]", "0");
  TF_EQ("pow", "[3, 2]", "9");
  TF_EQ("pow", "[4, 0]", "1");
  TF_EQ("pow", "[4, 0.5]", "2");
  TF_EQ("pow", "[2, -1]", "0.5");
  TF_EQ("signum", "[-13]", "-1");
  TF_EQ("signum", "[0]", "0");
  TF_EQ("signum", "[344]", "1");
  TF_ERR("signum", "[3.5]", "whole number");
  TF_EQ("parseint", R"(["100", 10])", "100");
  TF_EQ("parseint", R"(["FF", 16])", "255");
  TF_EQ("parseint", R"(["-10", 16])", "-16");
  TF_EQ("parseint", R"(["1011111011101111", 2])", "48879");
  TF_EQ("parseint", R"(["aA", 62])", "656");
  TF_EQ("parseint", R"(["ZZ", 36])", "1295");
  TF_ERR("parseint", R"(["12", 2])", "cannot parse \"12\" as a base 2 integer");
  TF_ERR("parseint", R"(["0x10", 16])", "cannot parse");
  TF_ERR("parseint", R"(["10", 1])",
         "base must be a whole number between 2 "
         "and 62");
  TF_UNKNOWN("parseint", R"(["99999999999999999999", 10])", "beyond");
}

TEST_CASE("Terraform functions: encoding", "[tffn]") {
  TF_EQ("jsonencode", R"([{"hello": "world"}])", str(R"({"hello":"world"})"));
  TF_EQ("jsonencode", R"([{"b": "<>&", "a": [1, 1.5, true, null], "c": {}}])",
        str(R"({"a":[1,1.5,true,null],"b":"\u003c\u003e\u0026","c":{}})"));
  TF_EQ("jsonencode", R"(["\b\f\u0001\u007f\u2028\t\r\n\"\\/é"])",
        str(R"("\b\f\u0001)"
            "\x7f"
            R"(\u2028\t\r\n\"\\/é")"));
  TF_EQ("jsonencode", "[1e20]", str("100000000000000000000"));
  TF_EQ("jsonencode", "[null]", str("null"));
  TF_EQ("jsondecode", R"(["{\"hello\": \"world\"}"])", R"({"hello":"world"})");
  TF_EQ("jsondecode", R"(["true"])", "true");
  TF_EQ("jsondecode", R"(["{\"b\":1,\"a\":[1.5,true,null,\"x\"]}"])",
        R"({"a":[1.5,true,null,"x"],"b":1})");
  TF_EQ("jsondecode", R"(["{\"a\":1,\"a\":2}"])", R"({"a":2})");
  TF_EQ("jsondecode", R"([" 5 "])", "5");
  TF_ERR("jsondecode", R"(["[1,"])", "not valid JSON");

  TF_EQ("yamlencode", R"([{"a": "b", "c": "d"}])",
        str("\"a\": \"b\"\n\"c\": \"d\"\n"));
  TF_EQ("yamlencode", R"([{"foo": [1, 2, 3], "bar": "baz"}])",
        str("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"));
  TF_EQ("yamlencode",
        R"([{"foo": [1, {"a": "b", "c": "d"}, 3], "bar": "baz"}])",
        str("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": "
            "\"d\"\n- 3\n"));
  TF_EQ("yamlencode",
        R"([{"a": [], "b": {}, "c": [[1, 2], [3]], "d": {"e": {"f": 1}}}])",
        str("\"a\": []\n\"b\": {}\n\"c\":\n- - 1\n  - 2\n- - 3\n\"d\":\n  "
            "\"e\":\n    \"f\": 1\n"));
  TF_EQ("yamlencode", R"(["a\nb"])", str("|-\n  a\n  b\n"));
  TF_EQ("yamlencode", R"([{"x": {"k": "a\nb\n"}}])",
        str("\"x\":\n  \"k\": |\n    a\n    b\n"));
  TF_EQ("yamlencode", R"([" a\nb"])", str("|2-\n   a\n  b\n"));
  TF_EQ("yamlencode", R"(["a \nb"])", str("\"a \\nb\"\n"));
  TF_EQ("yamlencode", R"(["x"])", str("\"x\"\n"));
  TF_EQ("yamlencode", "[true]", str("true\n...\n"));
  TF_EQ("yamlencode", "[null]", str("null\n...\n"));
  TF_EQ("yamlencode", R"(["😀\u0085\u00a0\u2028 é\u007f"])",
        str("\"\\U0001F600\\N\u00a0\\L é\\x7F\"\n"));
  TF_UNKNOWN("yamlencode", R"([")" + std::string(97, 'a') + R"( bbb"])",
             "fold");

  TF_EQ("base64encode", R"(["Hello World"])", str("SGVsbG8gV29ybGQ="));
  TF_EQ("base64decode", R"(["SGVsbG8gV29ybGQ="])", str("Hello World"));
  TF_EQ("base64decode", R"(["SGVs\nbG8="])", str("Hello"));
  TF_ERR("base64decode", R"(["SGVsbG8gV29ybGQ"])", "failed to decode base64");
  TF_ERR("base64decode", R"(["/w=="])", "not valid UTF-8");
  TF_EQ("textencodebase64", R"(["Hello World", "UTF-16LE"])",
        str("SABlAGwAbABvACAAVwBvAHIAbABkAA=="));
  TF_EQ("textdecodebase64",
        R"(["SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE"])",
        str("Hello World"));
  TF_EQ("urlencode", R"(["Hello World!"])", str("Hello+World%21"));
  TF_EQ("urlencode", R"(["☃"])", str("%E2%98%83"));
  TF_EQ("urlencode", R"(["foo:bar@localhost?foo=bar&bar=baz"])",
        str("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"));

  TF_EQ(
      "csvdecode",
      R"(["local_id,instance_type,availability_zone\nfoo,t2.micro,us-east-1a\nbar,t2.micro,us-east-1b\nbaz,t2.micro,us-east-1c\n"])",
      R"([{"availability_zone":"us-east-1a","instance_type":"t2.micro","local_id":"foo"},)"
      R"({"availability_zone":"us-east-1b","instance_type":"t2.micro","local_id":"bar"},)"
      R"({"availability_zone":"us-east-1c","instance_type":"t2.micro","local_id":"baz"}])");
  TF_EQ("csvdecode", R"(["a,b\n1,2\n3,\"x,\"\"y\"\"\"\n"])",
        R"([{"a":"1","b":"2"},{"a":"3","b":"x,\"y\""}])");
  TF_EQ("csvdecode", R"(["a,b\r\n\r\n1,\"x\ny\"\r\n"])",
        R"([{"a":"1","b":"x\ny"}])");
  TF_EQ("csvdecode", R"(["a,b"])", "[]");
  TF_ERR("csvdecode", R"(["a,b\n1,2,3"])", "wrong number of fields");
  TF_ERR("csvdecode", R"(["a,b\n1,x\"y"])", "bare \" in non-quoted-field");
  TF_ERR("csvdecode", R"([""])", "missing header line");
  TF_ERR("csvdecode", R"(["a,a\n1,2"])", "duplicate column name");
}

TEST_CASE("Terraform functions: hashes", "[tffn]") {
  TF_EQ("md5", R"(["hello world"])", str("5eb63bbbe01eeed093cb22bb8f5acdc3"));
  TF_EQ("sha1", R"(["hello world"])",
        str("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"));
  TF_EQ(
      "sha256", R"(["hello world"])",
      str("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"));
  TF_EQ(
      "sha512", R"(["hello world"])",
      str("309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f"
          "989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"));
  TF_EQ("base64sha256", R"(["hello world"])",
        str("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="));
  TF_EQ("base64sha512", R"(["hello world"])",
        str("MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2"
            "DDoH2Bdz33FVC6TrpzXbw=="));
  TF_EQ("uuidv5", R"(["dns", "www.terraform.io"])",
        str("a5008fae-b28c-5ba5-96cd-82b4c53552d6"));
  TF_EQ("uuidv5", R"(["url", "https://www.terraform.io/"])",
        str("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"));
  TF_EQ("uuidv5", R"(["oid", "1.3.6.1.4"])",
        str("af9d40a5-7a36-5c07-b23a-851cd99fbfa5"));
  TF_EQ("uuidv5", R"(["x500", "CN=Example,C=GB"])",
        str("84e09961-4aa4-57f8-95b7-03edb1073253"));
  TF_EQ("uuidv5",
        R"(["6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io"])",
        str("a5008fae-b28c-5ba5-96cd-82b4c53552d6"));
  TF_EQ("uuidv5", R"(["743ac3c0-3bf7-4a5b-9e6c-59360447c757", "LIBRARY"])",
        str("7ec8c106-4516-5039-9916-27f24947460c"));
  TF_ERR("uuidv5", R"(["not-a-uuid", "x"])", "doesn't support namespace");
}

TEST_CASE("Terraform functions: network", "[tffn]") {
  TF_EQ("cidrsubnet", R"(["172.16.0.0/12", 4, 2])", str("172.18.0.0/16"));
  TF_EQ("cidrsubnet", R"(["10.1.2.0/24", 4, 15])", str("10.1.2.240/28"));
  TF_EQ("cidrsubnet", R"(["fd00:fd12:3456:7890::/56", 16, 162])",
        str("fd00:fd12:3456:7800:a200::/72"));
  TF_EQ("cidrsubnet", R"(["fd00::/16", 33, 0])", str("fd00::/49"));
  TF_EQ("cidrsubnet", R"(["010.1.2.0/24", 4, 1])", str("10.1.2.16/28"));
  TF_ERR("cidrsubnet", R"(["10.1.2.0/24", 4, 16])",
         "prefix extension of 4 does not accommodate a subnet numbered 16");
  TF_ERR("cidrsubnet", R"(["10.1.2.0/24", 9, 0])",
         "insufficient address space to extend prefix of 24 by 9");
  TF_ERR("cidrsubnet", R"(["10.1.2.0", 4, 1])", "invalid CIDR expression");
  TF_EQ("cidrhost", R"(["10.12.112.0/20", 16])", str("10.12.112.16"));
  TF_EQ("cidrhost", R"(["10.12.112.0/20", 268])", str("10.12.113.12"));
  TF_EQ("cidrhost", R"(["fd00:fd12:3456:7890:00a2::/72", 34])",
        str("fd00:fd12:3456:7890::22"));
  TF_EQ("cidrhost", R"(["10.0.0.0/24", -1])", str("10.0.0.255"));
  TF_EQ("cidrhost", R"(["10.0.0.0/24", -256])", str("10.0.0.0"));
  TF_EQ("cidrhost", R"(["::/0", 4294967296])", str("::1:0:0"));
  TF_ERR("cidrhost", R"(["10.0.0.0/24", 256])",
         "prefix of 24 does not accommodate a host numbered 256");
  TF_EQ("cidrnetmask", R"(["172.16.0.0/12"])", str("255.240.0.0"));
  TF_EQ("cidrnetmask", R"(["10.0.0.0/0"])", str("0.0.0.0"));
  TF_ERR("cidrnetmask", R"(["fd00::/16"])",
         "IPv6 addresses cannot have a netmask");
  TF_EQ("cidrsubnets", R"(["10.1.0.0/16", 4, 4, 8, 4])",
        R"(["10.1.0.0/20","10.1.16.0/20","10.1.32.0/24","10.1.48.0/20"])");
  TF_EQ("cidrsubnets", R"(["fd00:fd12:3456:7890::/56", 16, 16, 16, 32])",
        R"(["fd00:fd12:3456:7800::/72","fd00:fd12:3456:7800:100::/72",)"
        R"("fd00:fd12:3456:7800:200::/72","fd00:fd12:3456:7800:300::/88"])");
  TF_EQ("cidrsubnets", R"(["10.0.0.0/8", 4, 8])",
        R"(["10.0.0.0/12","10.16.0.0/16"])");
  TF_EQ("cidrsubnets", R"(["10.1.0.0/16"])", "[]");
  TF_ERR("cidrsubnets", R"(["10.1.0.0/16", 1, 1, 1])",
         "not enough remaining address space for a subnet with a prefix of 17 "
         "bits after 10.1.128.0/17");
  TF_ERR("cidrsubnets", R"(["10.1.0.0/16", 0])", "at least one bit");
  TF_ERR("cidrsubnets", R"(["10.1.0.0/16", 17])",
         "would extend prefix to 33 bits, which is too long for an IPv4");
  TF_UNKNOWN("cidrhost", R"(["::ffff:0:0/96", 1])", "IPv4-mapped");
}

TEST_CASE("Terraform functions: files and paths", "[tffn]") {
  std::map<std::string, std::string> Files = {{"hello.txt", "Hello World"},
                                              {"bin", "\xff\x00"}};
  auto Read = [&](const std::string &Path) {
    auto It = Files.find(Path);
    if (It == Files.end())
      return FileText{std::nullopt, "no file exists at " + Path};
    return FileText{It->second, ""};
  };
  CHECK(call("file", R"(["hello.txt"])", Read).json() == str("Hello World"));
  CHECK(call("fileexists", R"(["hello.txt"])", Read).json() == "true");
  CHECK(call("filebase64", R"(["hello.txt"])", Read).json() ==
        str("SGVsbG8gV29ybGQ="));
  CHECK(call("filemd5", R"(["hello.txt"])", Read).json() ==
        str("b10a8db164e0754105b7a99be72e3fe5"));
  CHECK(
      call("filesha256", R"(["hello.txt"])", Read).json() ==
      str("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"));
  CHECK(call("filebase64sha256", R"(["hello.txt"])", Read).json() ==
        str("pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4="));
  Result Missing = call("file", R"(["nope.txt"])", Read);
  CHECK(Missing.isUnknown());
  CHECK_THAT(Missing.reason(), Catch::Contains("no file exists at nope.txt"));
  Result Binary = call("file", R"(["bin"])", Read);
  CHECK(Binary.isUnknown());
  CHECK(Binary.count(Severity::Error) == 1);
  // Without a reader, files are not read at all.
  TF_UNKNOWN("file", R"(["hello.txt"])", "not read");
  TF_UNKNOWN("fileexists", R"(["hello.txt"])", "not read");

  TF_EQ("dirname", R"(["foo/bar/baz.txt"])", str("foo/bar"));
  TF_EQ("dirname", R"(["/foo/bar"])", str("/foo"));
  TF_EQ("dirname", R"(["foo"])", str("."));
  TF_EQ("basename", R"(["foo/bar/baz.txt"])", str("baz.txt"));
  TF_EQ("basename", R"(["/foo/"])", str("foo"));
  TF_UNKNOWN("pathexpand", R"(["~/.ssh/id_rsa"])", "home directory");
  TF_EQ("pathexpand", R"(["/etc/resolv.conf"])", str("/etc/resolv.conf"));
}

TEST_CASE("Terraform functions: known only at apply", "[tffn]") {
  TF_UNKNOWN("timestamp", "[]", "timestamp() is known only at apply");
  TF_UNKNOWN("plantimestamp", "[]", "known only at apply");
  TF_UNKNOWN("uuid", "[]", "known only at apply");
  TF_UNKNOWN("bcrypt", R"(["hello"])", "known only at apply");
}

TEST_CASE("Terraform functions: what stays known with Unknown arguments",
          "[tffn]") {
  // Terraform knows the length of a list whose elements are unknown.
  TF_EQ("length", withUnknown("[[", R"(, "a"]])"), "2");
  TF_UNKNOWN("length", withUnknown("[", "]"), "variable 'u'");
  TF_EQ("merge", withUnknown(R"([{"a": )", R"(}, {"b": 1}])"),
        R"({"a":{"$unknown":"variable 'u' has no value"},"b":1})");
  TF_UNKNOWN("merge", withUnknown(R"([{"a": 1}, )", "]"), "variable 'u'");
  TF_EQ("keys", withUnknown(R"([{"a": )", R"(, "b": 1}])"), R"(["a","b"])");
  TF_EQ("values", withUnknown(R"([{"a": )", R"(, "b": 1}])"),
        R"([{"$unknown":"variable 'u' has no value"},1])");
  TF_EQ("concat", withUnknown("[[", R"(], ["a"]])"),
        R"([{"$unknown":"variable 'u' has no value"},"a"])");
  TF_UNKNOWN("concat", withUnknown("[", R"(, ["a"]])"), "variable 'u'");
  TF_EQ("contains", withUnknown("[[", R"(, "a"], "a"])"), "true");
  TF_UNKNOWN("contains", withUnknown("[[", R"(, "a"], "b"])"), "variable");
  TF_UNKNOWN("contains", withUnknown(R"([["a"], )", "]"), "variable 'u'");
  TF_UNKNOWN("coalesce", withUnknown("[", R"(, "a"])"), "variable 'u'");
  TF_EQ("coalesce", withUnknown(R"(["a", )", "]"), str("a"));
  TF_UNKNOWN("coalesce", withUnknown(R"(["", )", "]"), "variable 'u'");
  TF_EQ("element", withUnknown("[[", R"(, "a"], 1])"), str("a"));
  TF_UNKNOWN("element", withUnknown(R"([["a"], )", "]"), "variable 'u'");
  TF_EQ("lookup", withUnknown(R"([{"a": )", R"(, "b": "x"}, "b", "d"])"),
        str("x"));
  TF_EQ("lookup", withUnknown(R"([{"a": )", R"(, "b": "x"}, "c", "d"])"),
        str("d"));
  TF_EQ("index", withUnknown(R"([["a", )", R"(], "a"])"), "0");
  TF_UNKNOWN("index", withUnknown("[[", R"(, "a"], "a"])"), "variable 'u'");
  TF_EQ("alltrue", withUnknown("[[false, ", "]]"), "false");
  TF_UNKNOWN("alltrue", withUnknown("[[true, ", "]]"), "variable 'u'");
  TF_EQ("anytrue", withUnknown("[[true, ", "]]"), "true");
  TF_EQ("reverse", withUnknown(R"([["a", )", "]]"),
        R"([{"$unknown":"variable 'u' has no value"},"a"])");
  TF_EQ("slice", withUnknown(R"([["a", )", R"(, "b"], 0, 1])"), R"(["a"])");
  TF_EQ("zipmap", withUnknown(R"([["a", "b"], [)", ", 1]]"),
        R"({"a":{"$unknown":"variable 'u' has no value"},"b":1})");
  TF_EQ("tolist", withUnknown(R"([["a", )", "]]"),
        R"(["a",{"$unknown":"variable 'u' has no value"}])");
  TF_EQ("tomap", withUnknown(R"([{"a": )", "}]"),
        R"({"a":{"$unknown":"variable 'u' has no value"}})");
  // A set with an unknown element has no known size.
  TF_UNKNOWN("toset", withUnknown(R"([["a", )", "]]"), "variable 'u'");
  TF_UNKNOWN("compact", withUnknown(R"([["a", )", "]]"), "variable 'u'");
  TF_UNKNOWN("distinct", withUnknown(R"([["a", )", "]]"), "variable 'u'");
  TF_UNKNOWN("sort", withUnknown(R"([["a", )", "]]"), "variable 'u'");
  TF_UNKNOWN("jsonencode", withUnknown("[[", "]]"), "variable 'u'");
  TF_UNKNOWN("upper", withUnknown("[", "]"), "variable 'u'");
  TF_UNKNOWN("sum", withUnknown("[[1, ", "]]"), "variable 'u'");
  // An element that may be a list leaves the flattened length open.
  TF_UNKNOWN("flatten", withUnknown("[[[", R"(], ["a"]]])"), "variable 'u'");

  // An Expression stands for a value known after apply; the Unknown keeps
  // the cause's text and origin.
  SourceRange Where{{10, 2, 3}, {20, 2, 13}};
  Value Ref = Value::expression("aws_s3_bucket.b.id", {nullptr, Where});
  CallContext Ctx;
  std::vector<Diagnostic> Diags;
  Ctx.Diagnostics = &Diags;
  std::vector<Value> Args = {Ref};
  auto R = callFunction("upper", Args, Ctx);
  REQUIRE(R);
  CHECK(R->is(ValueKind::Unknown));
  CHECK(R->asString() ==
        "depends on 'aws_s3_bucket.b.id', known only after apply");
  CHECK(R->origin().Range == Where);
  CHECK(Diags.empty());
}

TEST_CASE("Terraform functions: origins and diagnostics", "[tffn]") {
  SourceRange CallRange{{0, 1, 1}, {30, 1, 31}};
  SourceRange ArgRange{{7, 1, 8}, {12, 1, 13}};
  CallContext Ctx;
  std::vector<Diagnostic> Diags;
  Ctx.Diagnostics = &Diags;
  Ctx.Call = {nullptr, CallRange};
  Ctx.Args = {{nullptr, ArgRange}};
  std::vector<Value> Args = {Value::array({Value::integer(1)})};
  auto R = callFunction("upper", Args, Ctx);
  REQUIRE(R);
  CHECK(R->is(ValueKind::Unknown));
  REQUIRE(Diags.size() == 1);
  CHECK(Diags[0].Range == ArgRange);
  Diags.clear();
  std::vector<Value> Good = {Value::string("a")};
  R = callFunction("upper", Good, Ctx);
  CHECK(R->origin().Range == CallRange);
  CHECK(Diags.empty());
}

TEST_CASE("Terraform functions: limits", "[tffn]") {
  std::string Big(MaxStringBytes / 2 + 10, 'a');
  CallContext Ctx;
  std::vector<Diagnostic> Diags;
  Ctx.Diagnostics = &Diags;
  std::vector<Value> Args = {Value::string(Big), Value::string("a"),
                             Value::string("aa")};
  auto R = callFunction("replace", Args, Ctx);
  REQUIRE(R);
  CHECK(R->is(ValueKind::Unknown));
  REQUIRE(Diags.size() == 1);
  CHECK(Diags[0].Level == Severity::Warning);

  // Matching work is bounded: Unknown with a warning past the budget.
  Diags.clear();
  std::vector<Value> Match = {Value::string("(a|b|c|d|e){1,100}x"),
                              Value::string(std::string(100000, 'a'))};
  R = callFunction("regexall", Match, Ctx);
  CHECK(R->is(ValueKind::Unknown));
  REQUIRE(Diags.size() == 1);
  CHECK(Diags[0].Level == Severity::Warning);

  std::vector<Value> Many;
  for (int I = 0; I < 400; ++I)
    Many.push_back(Value::integer(I));
  Diags.clear();
  std::vector<Value> Product = {Value::array(Many), Value::array(Many)};
  R = callFunction("setproduct", Product, Ctx);
  CHECK(R->is(ValueKind::Unknown));
  CHECK(Diags.size() == 1);
}

TEST_CASE("Terraform functions: toTerraformString", "[tffn]") {
  CHECK(toTerraformString(Value::string("x")) == "x");
  CHECK(toTerraformString(Value::integer(-5)) == "-5");
  CHECK(toTerraformString(Value::floating(1.5)) == "1.5");
  CHECK(toTerraformString(Value::floating(0.1)) == "0.1");
  CHECK(toTerraformString(Value::floating(1e20)) == "100000000000000000000");
  CHECK(toTerraformString(Value::floating(-2.5e-7)) == "-0.00000025");
  CHECK(toTerraformString(Value::boolean(true)) == "true");
  CHECK(!toTerraformString(Value::null()));
  CHECK(!toTerraformString(Value::array({})));
  CHECK(!toTerraformString(Value::unknown("x")));
  CHECK(!toTerraformString(Value::expression("a.b")));
}

TEST_CASE("Terraform functions: numbers written with more digits than a "
          "double holds",
          "[tffn]") {
  TF_EQ("tonumber", R"(["0.1"])", "0.1");
  TF_EQ("tonumber", R"(["123456789012345678"])", "123456789012345678");
  TF_EQ("tonumber", R"(["1.5e300"])", "1.5e+300");
  // Terraform keeps every digit; a double cannot.
  TF_UNKNOWN("tonumber", R"(["12345678901234567890"])", "precision");
  TF_UNKNOWN("tonumber", R"(["0.12345678901234567891"])", "precision");
  Result R = call("abs", R"(["12345678901234567890"])");
  CHECK(R.isUnknown());
  CHECK(R.count(Severity::Error) == 0);
}
