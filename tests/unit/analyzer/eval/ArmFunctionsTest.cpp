//===- ArmFunctionsTest.cpp - The ARM template function library ----------===//
//
// Expected outputs come from the documented examples of the Azure pages
// learn.microsoft.com/azure/azure-resource-manager/templates/
// template-functions-{string,array,comparison,logical,numeric,object,lambda,
// resource,scope} unless a comment says otherwise.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/Evaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/common/JsonParser.h"

#include <catch2/catch.hpp>

#include <map>

using namespace rampart;
using namespace rampart::eval::arm;
using model::ValueKind;

namespace {

class TestScope : public Scope {
public:
  std::map<std::string, Value> Params, Context;
  std::vector<ResourceReference> Refs;
  std::optional<int64_t> Iteration;

  Value parameter(llvm::StringRef Name, const Origin &Where) override {
    auto It = Params.find(Name.str());
    return It == Params.end() ? Scope::parameter(Name, Where) : It->second;
  }
  Value copyIndex(std::optional<llvm::StringRef> Loop, int64_t Offset,
                  const Origin &Where) override {
    if (!Iteration || Loop)
      return Scope::copyIndex(Loop, Offset, Where);
    return Value::integer(*Iteration + Offset, Where);
  }
  std::optional<Value> contextValue(llvm::StringRef Key) override {
    auto It = Context.find(Key.str());
    if (It == Context.end())
      return std::nullopt;
    return It->second;
  }
  void noteResourceReference(const ResourceReference &Ref) override {
    Refs.push_back(Ref);
  }
};

struct Harness {
  TestScope S;
  std::vector<Diagnostic> Diags;

  Value eval(llvm::StringRef Text) {
    Evaluator E(S, Diags, nullptr);
    return E.evaluateString(Text, {});
  }
  // Evaluates and renders as JSON (Unknown as {"$unknown": reason}).
  std::string operator()(llvm::StringRef Text) {
    return model::valueToJson(eval(Text)).dump();
  }
};

std::string str(llvm::StringRef S) { return nlohmann::json(S.str()).dump(); }

// Evaluates expressions that must succeed without diagnostics.
#define ARM_EQ(Text_, Expected_)                                               \
  do {                                                                         \
    Harness H_;                                                                \
    INFO(Text_);                                                               \
    CHECK(H_(Text_) == (Expected_));                                           \
    CHECK(H_.Diags.empty());                                                   \
  } while (0)

// Evaluates expressions that must fail: Unknown plus one error diagnostic.
#define ARM_ERR(Text_, Msg_)                                                   \
  do {                                                                         \
    Harness H_;                                                                \
    INFO(Text_);                                                               \
    Value V_ = H_.eval(Text_);                                                 \
    CHECK(V_.is(ValueKind::Unknown));                                          \
    REQUIRE(H_.Diags.size() == 1);                                             \
    CHECK(H_.Diags[0].Message == (Msg_));                                      \
  } while (0)

} // namespace

TEST_CASE("ARM functions: string examples from the docs", "[armexpr]") {
  ARM_EQ("[base64('one, two, three')]", str("b25lLCB0d28sIHRocmVl"));
  ARM_EQ("[base64ToString('b25lLCB0d28sIHRocmVl')]", str("one, two, three"));
  ARM_EQ("[base64ToJson('eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')]",
         R"({"one":"a","two":"b"})");
  ARM_EQ("[concat('prefix', '-', 'suffix')]", str("prefix-suffix"));
  ARM_EQ("[concat(createArray('1-1','1-2','1-3'), createArray('2-1','2-2'))]",
         R"(["1-1","1-2","1-3","2-1","2-2"])");
  ARM_EQ("[concat('vm', 1)]", str("vm1"));
  ARM_EQ("[contains('OneTwoThree', 'e')]", "true");
  ARM_EQ("[contains('OneTwoThree', 'z')]", "false");
  ARM_EQ("[contains(json('{\"one\":\"a\",\"two\":\"b\"}'), 'one')]", "true");
  ARM_EQ("[contains(json('{\"one\":\"a\",\"two\":\"b\"}'), 'a')]", "false");
  ARM_EQ("[contains(createArray('one','two','three'), 'three')]", "true");
  ARM_EQ("[contains(createArray('one','two','three'), 'four')]", "false");
  ARM_EQ("[dataUri('Hello')]",
         str("data:text/plain;charset=utf8;base64,SGVsbG8="));
  ARM_EQ("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]",
         str("Hello, World!"));
  ARM_EQ("[empty(createArray())]", "true");
  ARM_EQ("[empty(json('{}'))]", "true");
  ARM_EQ("[empty('')]", "true");
  ARM_EQ("[empty('a')]", "false");
  ARM_EQ("[startsWith('abcdef', 'ab')]", "true");
  ARM_EQ("[startsWith('abcdef', 'A')]", "true");
  ARM_EQ("[startsWith('abcdef', 'e')]", "false");
  ARM_EQ("[endsWith('abcdef', 'ef')]", "true");
  ARM_EQ("[endsWith('abcdef', 'F')]", "true");
  ARM_EQ("[endsWith('abcdef', 'e')]", "false");
  ARM_EQ("[first('One Two Three')]", str("O"));
  ARM_EQ("[first(createArray('one','two','three'))]", str("one"));
  ARM_EQ("[last('One Two Three')]", str("e"));
  ARM_EQ("[last(createArray('one','two','three'))]", str("three"));
  ARM_EQ("[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', "
         "8175133)]",
         str("Hello, User. Formatted number: 8,175,133"));
  ARM_EQ("[indexOf('test', 't')]", "0");
  ARM_EQ("[lastIndexOf('test', 't')]", "3");
  ARM_EQ("[indexOf('abcdef', 'CD')]", "2");
  ARM_EQ("[lastIndexOf('abcdef', 'AB')]", "0");
  ARM_EQ("[indexOf('abcdef', 'z')]", "-1");
  ARM_EQ("[length('One Two Three')]", "13");
  ARM_EQ("[length(createArray('a', 'b', 'c'))]", "3");
  ARM_EQ("[length(json('{\"a\":1,\"b\":2,\"c\":{\"d\":3},\"e\":[4]}'))]", "4");
  ARM_EQ("[padLeft('123', 10, '0')]", str("0000000123"));
  ARM_EQ("[replace('123-123-1234', '-', '')]", str("1231231234"));
  ARM_EQ("[replace('123-123-1234', '1234', 'xxxx')]", str("123-123-xxxx"));
  ARM_EQ("[skip('one two three', 4)]", str("two three"));
  ARM_EQ("[skip(createArray('one','two','three'), 2)]", R"(["three"])");
  ARM_EQ("[split('one,two,three', ',')]", R"(["one","two","three"])");
  ARM_EQ("[split('one;two,three', createArray(',', ';'))]",
         R"(["one","two","three"])");
  ARM_EQ("[string(json('{\"valueA\": 10, \"valueB\": \"Example Text\"}'))]",
         str(R"({"valueA":10,"valueB":"Example Text"})"));
  ARM_EQ("[string(createArray('a', 'b', 'c'))]", str(R"(["a","b","c"])"));
  ARM_EQ("[string(5)]", str("5"));
  ARM_EQ("[substring('one two three', 4, 3)]", str("two"));
  ARM_EQ("[take('one two three', 2)]", str("on"));
  ARM_EQ("[take(createArray('one','two','three'), 2)]", R"(["one","two"])");
  ARM_EQ("[toLower('One Two Three')]", str("one two three"));
  ARM_EQ("[toUpper('One Two Three')]", str("ONE TWO THREE"));
  ARM_EQ("[trim('    one two three   ')]", str("one two three"));
  ARM_EQ("[uri('http://contoso.com/resources/azuredeploy.json', "
         "'nested/azuredeploy.json')]",
         str("http://contoso.com/resources/nested/azuredeploy.json"));
  ARM_EQ(
      "[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
      str("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"));
  ARM_EQ("[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested"
         "%2Fazuredeploy.json')]",
         str("http://contoso.com/resources/nested/azuredeploy.json"));
  ARM_EQ("[join(createArray('a', 'b', 'c'), ',')]", str("a,b,c"));
}

TEST_CASE("ARM functions: string edge semantics", "[armexpr]") {
  // .NET counts UTF-16 code units: U+1F600 is two.
  ARM_EQ("[length('\xF0\x9F\x98\x80')]", "2");
  ARM_EQ("[substring('h\xC3\xA9llo', 1, 2)]", str("\xC3\xA9l"));
  ARM_EQ("[format('{0:D3}|{1,4}|{1,-4}|{2:X}|{{x}}', 7, 'ab', 255)]",
         str("007|  ab|ab  |FF|{x}"));
  ARM_EQ("[concat('a', true(), null())]", str("aTrue"));
  ARM_EQ("[string(true())]", str("True"));
  ARM_EQ("[split('a,,b', ',')]", R"(["a","","b"])");
  ARM_EQ("[take('abc', -1)]", str(""));
  ARM_EQ("[take('abc', 10)]", str("abc"));
  ARM_EQ("[padLeft(7, 3, '0')]", str("007"));
  ARM_EQ("[indexOf(createArray('a', 1), 1)]", "1");
  ARM_ERR("[substring('abc', 2, 5)]",
          "substring(): length 5 from index 2 is outside a string of length 3");
  ARM_ERR("[substring('abc', 1, 9223372036854775807)]",
          "substring(): length 9223372036854775807 from index 1 is outside a "
          "string of length 3");
  ARM_ERR("[substring('abc', 4)]",
          "substring(): start index 4 is outside a string of length 3");
  ARM_ERR("[replace('abc', '', 'x')]",
          "replace(): the string to replace is empty");
  ARM_ERR("[padLeft('1', 3, '00')]",
          "padLeft(): the padding must be one character");
  ARM_ERR("[format('{3}', 1)]", "format(): index 3 has no argument");
  ARM_ERR("[base64ToString('***')]", "base64ToString(): not valid base64");
}

TEST_CASE("ARM functions: logical and comparison", "[armexpr]") {
  ARM_EQ("[and(true(), false())]", "false");
  ARM_EQ("[and(true(), true(), true())]", "true");
  ARM_EQ("[or(false(), true())]", "true");
  ARM_EQ("[not(true())]", "false");
  ARM_EQ("[if(equals('a', 'a'), 'yes', 'no')]", str("yes"));
  ARM_EQ("[if(false(), 'yes', 'no')]", str("no"));
  ARM_EQ("[bool('true')]", "true");
  ARM_EQ("[bool('FALSE')]", "false");
  ARM_EQ("[bool(0)]", "false");
  ARM_EQ("[bool(1)]", "true");
  ARM_EQ("[equals(1, 1)]", "true");
  ARM_EQ("[equals('a', 'A')]", "false");
  ARM_EQ("[equals(createArray('a', 'b'), createArray('a', 'b'))]", "true");
  ARM_EQ("[equals(json('{\"a\":1}'), json('{\"a\":2}'))]", "false");
  ARM_EQ("[less(10, 5)]", "false");
  ARM_EQ("[less('A', 'a')]", "true");
  ARM_EQ("[lessOrEquals(5, 5)]", "true");
  ARM_EQ("[greater(10, 5)]", "true");
  ARM_EQ("[greater('A', 'a')]", "false");
  ARM_EQ("[greaterOrEquals('A', 'A')]", "true");
  ARM_EQ("[coalesce(null(), null(), 1)]", "1");
  ARM_EQ("[coalesce(null(), '')]", str(""));
  ARM_EQ("[coalesce(null())]", "null");
  ARM_EQ("[null()]", "null");
  ARM_ERR("[if('x', 1, 2)]", "if() expects bool for argument 1, found string");
  ARM_ERR("[less(1, 'a')]",
          "less() compares two integers or two strings, found int and string");
  ARM_ERR("[and(true())]", "and() takes at least 2 arguments, found 1");
}

TEST_CASE("ARM functions: numeric", "[armexpr]") {
  ARM_EQ("[add(5, 3)]", "8");
  ARM_EQ("[sub(7, 3)]", "4");
  ARM_EQ("[mul(5, 3)]", "15");
  ARM_EQ("[div(8, 3)]", "2");
  ARM_EQ("[mod(7, 3)]", "1");
  ARM_EQ("[div(-7, 2)]", "-3"); // truncation, as .NET
  ARM_EQ("[mod(-7, 2)]", "-1");
  ARM_EQ("[int('4')]", "4");
  ARM_EQ("[float('1.5')]", "1.5");
  ARM_EQ("[min(createArray(0, 3, 2, 5, 4))]", "0");
  ARM_EQ("[min(0, 3, 2, 5, 4)]", "0");
  ARM_EQ("[max(createArray(0, 3, 2, 5, 4))]", "5");
  ARM_EQ("[max(0, 3, 2, 5, 4)]", "5");
  ARM_EQ("[add(-9223372036854775807, -1)]", "-9223372036854775808");
  ARM_ERR("[add(9223372036854775807, 1)]", "add() overflows a 64-bit integer");
  ARM_ERR("[div(1, 0)]", "div() by zero");
  ARM_ERR("[mod(1, 0)]", "mod() by zero");
  ARM_ERR("[add('1', 2)]", "add() expects int for argument 1, found string");
  ARM_ERR("[int('x')]", "int() cannot convert 'x' to an integer");
}

TEST_CASE("ARM functions: arrays and objects", "[armexpr]") {
  ARM_EQ("[array('efgh')]", R"(["efgh"])");
  ARM_EQ("[array(createArray(1))]", "[1]");
  ARM_EQ("[createArray(1, 2, 3)]", "[1,2,3]");
  ARM_EQ(
      "[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', "
      "true(), 'arrayProp', createArray('a', 'b', 'c'))]",
      R"({"intProp":1,"stringProp":"abc","boolProp":true,"arrayProp":["a","b","c"]})");
  ARM_EQ("[union(json('{\"one\":\"a\",\"two\":\"b\",\"three\":\"c1\"}'), "
         "json('{\"three\":\"c2\",\"four\":\"d\",\"five\":\"e\"}'))]",
         R"({"one":"a","two":"b","three":"c2","four":"d","five":"e"})");
  ARM_EQ("[union(createArray('one','two','three'), "
         "createArray('three','four'))]",
         R"(["one","two","three","four"])");
  // The docs' nested example: objects merge, arrays are replaced.
  ARM_EQ(
      "[union(json('{\"property\":{\"one\":\"a\",\"two\":\"b\",\"three\":"
      "\"c1\"},\"nestedArray\":[1,2]}'), json('{\"property\":{\"three\":"
      "\"c2\",\"four\":\"d\",\"five\":\"e\"},\"nestedArray\":[3,4]}'))]",
      R"({"property":{"one":"a","two":"b","three":"c2","four":"d","five":"e"},"nestedArray":[3,4]})");
  ARM_EQ("[intersection(json('{\"one\":\"a\",\"two\":\"b\",\"three\":\"c\"}'), "
         "json('{\"one\":\"a\",\"two\":\"z\",\"three\":\"c\"}'))]",
         R"({"one":"a","three":"c"})");
  ARM_EQ("[intersection(createArray('one','two','three'), "
         "createArray('two','three'))]",
         R"(["two","three"])");
  ARM_EQ("[range(1, 5)]", "[1,2,3,4,5]");
  ARM_EQ("[range(5, 0)]", "[]");
  ARM_EQ("[range(-2, 3)]", "[-2,-1,0]");
  ARM_ERR("[range(9223372036854775807, 1)]",
          "range(): start plus count exceeds 2147483647");
  ARM_EQ("[json('{\"a\": \"b\"}').a]", str("b"));
  ARM_EQ("[json('null')]", "null");
  ARM_EQ("[json('[1, 2.5, true]')]", "[1,2.5,true]");
  ARM_EQ("[items(json('{\"b\":2,\"a\":1}'))]",
         R"([{"key":"a","value":1},{"key":"b","value":2}])");
  ARM_EQ("[objectKeys(json('{\"b\":2,\"a\":1}'))]", R"(["b","a"])");
  ARM_EQ("[tryGet(json('{\"a\":{\"b\":1}}'), 'a', 'b')]", "1");
  ARM_EQ("[tryGet(json('{\"a\":1}'), 'x')]", "null");
  ARM_EQ("[shallowMerge(createArray(json('{\"a\":{\"x\":1}}'), "
         "json('{\"a\":{\"y\":2},\"b\":3}')))]",
         R"({"a":{"y":2},"b":3})");
  ARM_EQ("[flatten(createArray(createArray(1, 2), createArray(3)))]",
         "[1,2,3]");
  ARM_EQ("[createArray(10, 20)[1]]", "20");
  ARM_EQ("[json('{\"Name\":1}')['name']]", "1");
  ARM_ERR("[range(0, 10001)]",
          "range(): the count must be between 0 and 10000");
  ARM_ERR("[createArray(1)[1]]",
          "index 1 is out of range for an array of 1 elements");
  ARM_ERR("[json('{\"a\":1}').b]", "the object has no property 'b'");
  ARM_ERR("[json('{')]", "json(): the argument is not valid JSON");
}

TEST_CASE("ARM functions: lambdas", "[armexpr]") {
  const char *Dogs =
      "json('[{\"name\":\"Evie\",\"age\":5},{\"name\":\"Casper\",\"age\":3},"
      "{\"name\":\"Indy\",\"age\":2},{\"name\":\"Kira\",\"age\":8}]')";
  ARM_EQ(std::string("[filter(") + Dogs +
             ", lambda('dog', greaterOrEquals(lambdaVariables('dog').age, "
             "5)))]",
         R"([{"name":"Evie","age":5},{"name":"Kira","age":8}])");
  ARM_EQ(std::string("[map(") + Dogs +
             ", lambda('dog', lambdaVariables('dog').name))]",
         R"(["Evie","Casper","Indy","Kira"])");
  ARM_EQ(std::string("[reduce(map(") + Dogs +
             ", lambda('dog', lambdaVariables('dog').age)), 0, lambda('cur', "
             "'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]",
         "18");
  ARM_EQ(std::string("[map(sort(") + Dogs +
             ", lambda('a', 'b', less(lambdaVariables('a').age, "
             "lambdaVariables('b').age))), lambda('d', "
             "lambdaVariables('d').name))]",
         R"(["Indy","Casper","Evie","Kira"])");
  ARM_EQ(std::string("[toObject(") + Dogs +
             ", lambda('d', lambdaVariables('d').name), lambda('d', "
             "lambdaVariables('d').age))]",
         R"({"Evie":5,"Casper":3,"Indy":2,"Kira":8})");
  ARM_EQ("[map(range(0, 3), lambda('x', 'i', add(lambdaVariables('x'), "
         "lambdaVariables('i'))))]",
         "[0,2,4]");
  ARM_EQ("[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', "
         "substring(lambdaVariables('x'), 0, 1)))]",
         R"({"f":["foo"],"b":["bar","baz"]})");
  ARM_EQ("[mapValues(createObject('foo', 'foo'), lambda('val', "
         "toUpper(lambdaVariables('val'))))]",
         R"({"foo":"FOO"})");
  ARM_ERR("[lambdaVariables('x')]",
          "lambdaVariables(): no lambda variable 'x' in scope");
  ARM_ERR("[filter(createArray(1), 'x')]",
          "filter() expects a lambda for argument 2");
}

TEST_CASE("ARM functions: uniqueString and guid match Azure", "[armexpr]") {
  // Pairs from the public reimplementation "uniquestring.sh" (pure-bash
  // Bicep uniqueString(), whose self-test lists outputs verified there
  // against Bicep): https://github.com search "uniquestring.sh — Azure
  // ARM/Bicep uniqueString() in pure bash".
  ARM_EQ("[uniqueString('test')]", str("rbgf3xv4ufgzg"));
  ARM_EQ("[uniqueString('hello', 'world')]", str("a7wkljktk6wne"));
  ARM_EQ("[uniqueString('abc')]", str("cgtzqvhu4i23s"));
  ARM_EQ("[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/"
         "resourceGroups/my-rg')]",
         str("bmg7c6xu4tw46"));
  ARM_EQ("[uniqueString('foo', 'bar', 'baz')]", str("xzi4ioaxtmth4"));
  // Arguments are joined with '-'.
  CHECK(azureUniqueString("hello-world") == "a7wkljktk6wne");

  // guid() is uuid5(11fb06fb-712d-4ddd-98c7-e71bbd588830, join('-', args))
  // per the public Go/Python/PowerShell reimplementations; expected values
  // computed with Python's uuid.uuid5 (an independent implementation).
  ARM_EQ("[guid('a', 'b', 'c')]", str("a98fa280-e03f-5afa-8d8e-92d0a9c201e8"));
  ARM_EQ("[guid('hello')]", str("520f8434-fe3a-5d99-888d-450a827486a1"));
  ARM_EQ("[guid('/subscriptions/00000000-0000-0000-0000-000000000000/"
         "resourceGroups/my-rg')]",
         str("bb733f78-f75f-5345-b2b1-ca384ca6fcab"));
  ARM_ERR("[guid(1)]", "guid() expects string for argument 1, found int");
}

// template-functions-date: the dateTimeAdd remarks (a year is 365 days, a
// month 30), the example deployed at 2020-04-07 14:53:14Z (whose outputs the
// page shows in the "M/d/yyyy h:mm:ss tt" form) and the epoch example.
TEST_CASE("ARM functions: dates", "[armexpr]") {
  ARM_EQ("[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')]",
         str("2024-01-01T00:00:00Z"));
  ARM_EQ("[dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')]",
         str("2024-12-31T00:00:00Z"));
  ARM_EQ("[dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')]",
         str("2023-03-03T00:00:00Z"));
  ARM_EQ("[dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')]",
         str("2024-03-02T00:00:00Z"));
  const char *Shown = "'M/d/yyyy h:mm:ss tt'";
  ARM_EQ(std::string("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y', ") + Shown +
             ")]",
         str("4/7/2023 2:53:14 PM"));
  ARM_EQ(std::string("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D', ") + Shown +
             ")]",
         str("3/29/2020 2:53:14 PM"));
  ARM_EQ(std::string("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H', ") + Shown +
             ")]",
         str("4/7/2020 3:53:14 PM"));
  ARM_EQ("[dateTimeFromEpoch(1683040573)]", str("2023-05-02T15:16:13Z"));
  ARM_EQ("[dateTimeToEpoch('2023-05-02T15:16:13Z')]", "1683040573");
  ARM_EQ("[dateTimeToEpoch('2023-05-02T17:16:13+02:00')]", "1683040573");
  ARM_EQ("[dateTimeToEpoch(dateTimeFromEpoch(0))]", "0");
  // Durations with time parts and fractions; standard formats of the
  // invariant culture ('u' is what utcNow('u') gives).
  ARM_EQ("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1DT2H3M4.5S', "
         "'yyyy-MM-ddTHH:mm:ss.fffZ')]",
         str("2020-04-08T16:56:18.500Z"));
  ARM_EQ("[dateTimeAdd('2020-12-31T23:59:59Z', 'PT1S', 'u')]",
         str("2021-01-01 00:00:00Z"));
  ARM_EQ("[dateTimeAdd('2020-04-07', 'P1D', 's')]", str("2020-04-08T00:00:00"));
  ARM_EQ("[dateTimeAdd('20190305T175318Z', 'PT2M', 'd')]", str("03/05/2019"));

  // What .NET's output depends on stays Unknown.
  for (const char *Text :
       {"[dateTimeAdd(utcNow(), 'P1Y')]",
        "[dateTimeToEpoch(dateTimeAdd(utcNow(), 'P1Y'))]",
        "[dateTimeAdd('2020-04-07', 'P1D')]",
        "[dateTimeAdd('2020-04-07T10:00:00+02:00', 'P1D', 'u')]",
        "[dateTimeAdd('2020-04-07T10:00:00Z', 'P1D', 'K')]",
        "[dateTimeToEpoch('2020-04-07T10:00:00')]"}) {
    Harness H;
    INFO(Text);
    CHECK(H.eval(Text).is(ValueKind::Unknown));
    CHECK(H.Diags.empty());
  }
  // XmlConvert.ToTimeSpan has no weeks.
  ARM_ERR("[dateTimeAdd('2020-04-07T10:00:00Z', 'P1W')]",
          "dateTimeAdd(): 'P1W' is not an ISO 8601 duration");
  ARM_ERR("[dateTimeAdd('2020-04-07T10:00:00Z', 'PT')]",
          "dateTimeAdd(): 'PT' is not an ISO 8601 duration");
  ARM_ERR("[dateTimeFromEpoch(253402300800)]",
          "dateTimeFromEpoch(): 253402300800 is outside the years 1 to 9999");
  ARM_ERR("[dateTimeAdd('9999-12-31T00:00:00Z', 'P1D')]",
          "dateTimeAdd(): the result is outside the years 1 to 9999");
}

// template-functions-cidr examples; the copy loops of the page are
// evaluated with copyIndex() = 0..4.
TEST_CASE("ARM functions: CIDR", "[armexpr]") {
  ARM_EQ("[parseCidr('10.144.0.0/20')]",
         R"({"network":"10.144.0.0","netmask":"255.255.240.0",)"
         R"("broadcast":"10.144.15.255","firstUsable":"10.144.0.1",)"
         R"("lastUsable":"10.144.15.254","cidr":20})");
  ARM_EQ(
      "[parseCidr('fdad:3236:5555::/48')]",
      R"({"network":"fdad:3236:5555::","netmask":"ffff:ffff:ffff::",)"
      R"("firstUsable":"fdad:3236:5555::",)"
      R"("lastUsable":"fdad:3236:5555:ffff:ffff:ffff:ffff:ffff","cidr":48})");
  const char *V4Subnets[] = {"10.144.0.0/24", "10.144.1.0/24", "10.144.2.0/24",
                             "10.144.3.0/24", "10.144.4.0/24"};
  const char *V6Subnets[] = {"fdad:3236:5555::/52", "fdad:3236:5555:1000::/52",
                             "fdad:3236:5555:2000::/52",
                             "fdad:3236:5555:3000::/52",
                             "fdad:3236:5555:4000::/52"};
  const char *V4Hosts[] = {"10.144.3.1", "10.144.3.2", "10.144.3.3",
                           "10.144.3.4", "10.144.3.5"};
  const char *V6Hosts[] = {"fdad:3236:5555:3000::1", "fdad:3236:5555:3000::2",
                           "fdad:3236:5555:3000::3", "fdad:3236:5555:3000::4",
                           "fdad:3236:5555:3000::5"};
  for (int I = 0; I < 5; ++I) {
    Harness H;
    H.S.Iteration = I;
    INFO("copyIndex() = " << I);
    CHECK(H("[cidrSubnet('10.144.0.0/20', 24, range(0, 5)[copyIndex()])]") ==
          str(V4Subnets[I]));
    CHECK(H("[cidrSubnet('fdad:3236:5555::/48', 52, "
            "range(0, 5)[copyIndex()])]") == str(V6Subnets[I]));
    CHECK(H("[cidrHost('10.144.3.0/24', range(0, 5)[copyIndex()])]") ==
          str(V4Hosts[I]));
    CHECK(
        H("[cidrHost('fdad:3236:5555:3000::/52', range(0, 5)[copyIndex()])]") ==
        str(V6Hosts[I]));
    CHECK(H.Diags.empty());
  }
  // The page's prose: 192.168.1.1 to .254 are the usable hosts of a /24.
  ARM_EQ("[cidrHost('192.168.1.0/24', 0)]", str("192.168.1.1"));
  ARM_EQ("[cidrHost('192.168.1.0/24', 253)]", str("192.168.1.254"));
  ARM_ERR("[cidrHost('192.168.1.0/24', 254)]",
          "cidrHost(): host index 254 is outside the range");
  // The network part of an address with host bits set.
  ARM_EQ("[parseCidr('10.144.3.7/20').network]", str("10.144.0.0"));
  ARM_EQ("[cidrSubnet('10.0.0.0/8', 8, 0)]", str("10.0.0.0/8"));
  ARM_ERR("[cidrSubnet('10.144.0.0/20', 16, 0)]",
          "cidrSubnet(): the new CIDR must be between 20 and 32");
  ARM_ERR("[cidrSubnet('10.144.0.0/20', 24, 16)]",
          "cidrSubnet(): subnet index 16 is outside the range");
  ARM_ERR("[parseCidr('10.144.0.0')]",
          "parseCidr(): '10.144.0.0' is not an IP address range in CIDR "
          "notation");
  ARM_ERR("[parseCidr('10.144.0.256/20')]",
          "parseCidr(): '10.144.0.256/20' is not an IP address range in CIDR "
          "notation");
  Harness H;
  CHECK(
      H.eval("[parseCidr('10.0.0.0/32').firstUsable]").is(ValueKind::Unknown));
  CHECK(H("[parseCidr('10.0.0.0/32').broadcast]") == str("10.0.0.0"));
  CHECK(H("[parseCidr('::/0').netmask]") == str("::"));
  CHECK(H("[parseCidr('2001:db8:0:0:1:0:0:1/128').network]") ==
        str("2001:db8::1:0:0:1"));
  CHECK(H.Diags.empty());
}

TEST_CASE("ARM functions: indexFromEnd and references", "[armexpr]") {
  // template-functions-array examples.
  const char *Items = "createArray('apple', 'banana', 'orange', 'grape')";
  ARM_EQ(std::string("[indexFromEnd(") + Items + ", 2)]", str("orange"));
  ARM_EQ(std::string("[tryIndexFromEnd(") + Items + ", 2)]", str("orange"));
  ARM_EQ(std::string("[tryIndexFromEnd(") + Items + ", 5)]", "null");
  ARM_EQ(std::string("[tryIndexFromEnd(") + Items + ", 0)]", "null");
  ARM_ERR(std::string("[indexFromEnd(") + Items + ", 5)]",
          "indexFromEnd(): index 5 is out of range for an array of 4 "
          "elements");
  Harness H;
  Value R = H.eval("[references('storageLoop')]");
  CHECK(R.is(ValueKind::Unknown));
  REQUIRE(H.S.Refs.size() == 1);
  CHECK(H.S.Refs[0].Function == "references");
  CHECK(H.S.Refs[0].Target.asString() == "storageLoop");
  CHECK(H.eval("[deployer().objectId]").is(ValueKind::Unknown));
}

TEST_CASE("ARM functions: three-valued behaviour", "[armexpr]") {
  Harness H;
  Value V = H.eval("[concat('a', parameters('missing'))]");
  CHECK(V.is(ValueKind::Unknown));
  CHECK(V.asString() == "parameter 'missing' is not known");
  CHECK(H.Diags.empty());

  // Only the branch taken is evaluated.
  CHECK(H("[if(true(), 'a', parameters('missing'))]") == str("a"));
  CHECK(H("[if(false(), parameters('missing'), 'b')]") == str("b"));
  CHECK(H.eval("[if(parameters('missing'), 'a', 'b')]").is(ValueKind::Unknown));
  CHECK(H("[if(true(), 'a', div(1, 0))]") == str("a"));
  CHECK(H.Diags.empty());

  // coalesce stops at the first known non-null value.
  CHECK(H("[coalesce(null(), 'b', parameters('missing'))]") == str("b"));
  CHECK(
      H.eval("[coalesce(parameters('missing'), 'b')]").is(ValueKind::Unknown));

  // and/or: a known argument that decides wins over unknowns.
  CHECK(H("[and(parameters('missing'), false())]") == "false");
  CHECK(H("[or(parameters('missing'), true())]") == "true");
  CHECK(H.eval("[and(true(), parameters('missing'))]").is(ValueKind::Unknown));
  CHECK(H.eval("[or(false(), parameters('missing'))]").is(ValueKind::Unknown));

  // Unknown elements keep the array known; functions that need them do not.
  Value A = H.eval("[createArray(1, parameters('missing'))]");
  CHECK(A.is(ValueKind::Array));
  CHECK(A.items()[0].asInt() == 1);
  CHECK(A.items()[1].is(ValueKind::Unknown));
  CHECK(H("[length(createArray(1, parameters('missing')))]") == "2");
  CHECK(H.eval("[string(createArray(1, parameters('missing')))]")
            .is(ValueKind::Unknown));
  CHECK(H.Diags.empty());

  // Expressions (runtime references) are unknown too, with their text.
  H.S.Params["ref"] = Value::expression("reference('sa').primaryEndpoints", {},
                                        "sa", {"primaryEndpoints"});
  Value E = H.eval("[parameters('ref').blob]");
  REQUIRE(E.is(ValueKind::Expression));
  CHECK(E.asString() == "reference('sa').primaryEndpoints.blob");
  CHECK(E.refersTo() == "sa");
  CHECK(E.attribute().size() == 2);
  Value U = H.eval("[toUpper(parameters('ref'))]");
  CHECK(U.is(ValueKind::Unknown));
  CHECK(U.asString() == "depends on 'reference('sa').primaryEndpoints', known "
                        "only at deployment");
}

TEST_CASE("ARM functions: deployment context and resource ids", "[armexpr]") {
  Harness H;
  Value Loc = H.eval("[resourceGroup().location]");
  CHECK(Loc.is(ValueKind::Unknown));
  CHECK(Loc.asString() == "resourceGroup().location is known only at "
                          "deployment (supply it as context)");
  CHECK(H.eval("[resourceGroup()]").is(ValueKind::Unknown));
  CHECK(H.eval("[newGuid()]").is(ValueKind::Unknown));
  CHECK(H.eval("[utcNow()]").is(ValueKind::Unknown));
  Value Id = H.eval("[resourceId('Microsoft.Storage/storageAccounts', 'sa')]");
  // The subscription is known only at deployment, but which resource the id
  // names is known: an expression referring to it.
  REQUIRE(Id.is(ValueKind::Expression));
  CHECK(Id.asString() ==
        "resourceId('Microsoft.Storage/storageAccounts', 'sa')");
  CHECK(Id.refersTo() == "Microsoft.Storage/storageAccounts/sa");
  Value Child = H.eval("[subscriptionResourceId("
                       "'Microsoft.Network/virtualNetworks/subnets', 'vnet', "
                       "'/default/')]");
  REQUIRE(Child.is(ValueKind::Expression));
  CHECK(Child.refersTo() ==
        "Microsoft.Network/virtualNetworks/subnets/vnet/default");
  CHECK(H.eval("[resourceId('Microsoft.Storage/storageAccounts', "
               "parameters('missing'))]")
            .is(ValueKind::Unknown));

  H.S.Context["resourceGroup().location"] = Value::string("westeurope");
  H.S.Context["subscription().subscriptionId"] = Value::string("sub1");
  H.S.Context["resourceGroup()"] = Value::object(
      {{"name", {}, Value::string("rg1")}, {"tags", {}, Value::object({})}});
  CHECK(H("[resourceGroup().location]") == str("westeurope"));
  CHECK(H("[resourceGroup().name]") == str("rg1"));
  CHECK(H("[resourceGroup().tags]") == "{}");
  CHECK(H("[resourceId('Microsoft.Storage/storageAccounts', 'sa')]") ==
        str("/subscriptions/sub1/resourceGroups/rg1/providers/"
            "Microsoft.Storage/storageAccounts/sa"));
  CHECK(H("[resourceId('otherRg', 'Microsoft.Network/virtualNetworks/subnets', "
          "'vnet', 'default')]") ==
        str("/subscriptions/sub1/resourceGroups/otherRg/providers/"
            "Microsoft.Network/virtualNetworks/vnet/subnets/default"));
  // A trailing '/' on the type is accepted, as Azure does.
  CHECK(H("[resourceId('Microsoft.Network/virtualNetworks/', 'vnet')]") ==
        str("/subscriptions/sub1/resourceGroups/rg1/providers/"
            "Microsoft.Network/virtualNetworks/vnet"));
  CHECK(H("[resourceId('s2', 'rg2', 'Microsoft.Web/sites', 'app')]") ==
        str("/subscriptions/s2/resourceGroups/rg2/providers/Microsoft.Web/"
            "sites/app"));
  CHECK(H("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
          "'b24988ac-6180-42a0-ab88-20f7382dd24c')]") ==
        str("/subscriptions/sub1/providers/Microsoft.Authorization/"
            "roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"));
  CHECK(H("[managementGroupResourceId('mg1', "
          "'Microsoft.Authorization/policyDefinitions', 'p')]") ==
        str("/providers/Microsoft.Management/managementGroups/mg1/providers/"
            "Microsoft.Authorization/policyDefinitions/p"));
  CHECK(
      H("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]") ==
      str("/providers/Microsoft.Management/managementGroups/mg"));
  CHECK(H("[extensionResourceId('/subscriptions/s/resourceGroups/r/providers/"
          "Microsoft.Storage/storageAccounts/sa', 'Microsoft.Authorization/"
          "locks', 'lock')]") ==
        str("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/"
            "storageAccounts/sa/providers/Microsoft.Authorization/locks/lock"));
  CHECK(H.Diags.empty());

  H.S.Refs.clear();
  CHECK(
      H.eval("[reference('sa').primaryEndpoints.blob]").is(ValueKind::Unknown));
  CHECK(H.eval("[listKeys(resourceId('Microsoft.Storage/storageAccounts', "
               "'sa'), '2023-01-01').keys[0].value]")
            .is(ValueKind::Unknown));
  REQUIRE(H.S.Refs.size() == 3);
  CHECK(H.S.Refs[0].Function == "reference");
  CHECK(H.S.Refs[0].Target.asString() == "sa");
  CHECK(H.S.Refs[1].Function == "resourceId");
  CHECK(H.S.Refs[1].Type.asString() == "Microsoft.Storage/storageAccounts");
  CHECK(H.S.Refs[2].Function == "listKeys");
  CHECK(H.S.Refs[2].Target.asString() ==
        "/subscriptions/sub1/resourceGroups/rg1/providers/"
        "Microsoft.Storage/storageAccounts/sa");

  H.S.Iteration = 2;
  CHECK(H("[concat('vm', copyIndex(1))]") == str("vm3"));
  CHECK(H.Diags.empty());

  ARM_ERR("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]",
          "resourceId(): resource type 'Microsoft.Network/virtualNetworks/"
          "subnets' needs 2 name(s), found 1");
  ARM_ERR("[nosuch(1)]", "unknown function 'nosuch'");
}

TEST_CASE("ARM functions: diagnostics point at the argument", "[armexpr]") {
  auto File = SourceFile::fromText("t.json", R"({"v": "[add('a', 1)]"})");
  Document Doc = parsers::parseJson(*File, Dialect::Arm, FileRole::Template,
                                    parsers::JsonSyntax::Azure);
  const Node *S = Doc.root()->get("v");
  REQUIRE(S);
  TestScope Scope;
  std::vector<Diagnostic> Diags;
  Evaluator E(Scope, Diags, File.get());
  Value V = E.evaluateString(S->Text, {File.get(), S->Range});
  CHECK(V.is(ValueKind::Unknown));
  REQUIRE(Diags.size() == 1);
  CHECK(Diags[0].Message == "add() expects int for argument 1, found string");
  CHECK(Diags[0].Range.Start.Column == 13);
  CHECK(Diags[0].Range.End.Column == 16);
  // Results carry the origin of the call.
  Value Ok = E.evaluateString("[add(1, 2)]", {});
  CHECK(Ok.asInt() == 3);
}

TEST_CASE("ARM functions: limits", "[armexpr]") {
  Harness H;
  H.S.Params["big"] = Value::string(std::string(600 * 1024, 'x'));
  Value V = H.eval("[concat(parameters('big'), parameters('big'))]");
  CHECK(V.is(ValueKind::Unknown));
  REQUIRE(H.Diags.size() == 1);
  CHECK(H.Diags[0].Message == "concat() result exceeds the string size limit");

  Harness P;
  CHECK(P.eval("[padLeft('a', 100000000)]").is(ValueKind::Unknown));
  REQUIRE(P.Diags.size() == 1);
  CHECK(P.Diags[0].Message ==
        "padLeft(): the total length exceeds the string size limit");

  // 10,000 x 10,000 lambda calls exceed the step budget (made small here to
  // keep the test fast).
  Harness B;
  Evaluator Small(B.S, B.Diags, nullptr);
  Small.setMaxSteps(100000);
  Value W = Small.evaluateString("[map(range(0, 10000), lambda('x', "
                                 "map(range(0, 10000), lambda('y', 1))))]",
                                 {});
  CHECK(W.is(ValueKind::Array)); // the outer map completes...
  CHECK_FALSE(W.isFullyKnown()); // ...with unknown elements past the budget
  REQUIRE(B.Diags.size() == 1);
  CHECK(B.Diags[0].Message ==
        "expression needs more than 100000 evaluation steps; not evaluated");
}

TEST_CASE("ARM functions: random token soup never crashes", "[armexpr]") {
  // Deterministic pseudo-random expressions built from ARM tokens: every
  // one must parse-or-diagnose and evaluate-or-diagnose without crashing.
  const char *Tokens[] = {"concat(",
                          "'a'",
                          "1",
                          "-5",
                          ",",
                          ")",
                          "[",
                          "]",
                          ".",
                          "x",
                          "lambda(",
                          "'x'",
                          "lambdaVariables('x')",
                          "map(",
                          "filter(",
                          "reduce(",
                          "sort(",
                          "range(0,3)",
                          "createArray(",
                          "json('{\"a\":[1]}')",
                          "if(",
                          "true()",
                          "coalesce(",
                          "null()",
                          "substring(",
                          "format('{0}'",
                          "split(",
                          "parameters('p')",
                          "resourceGroup()",
                          ".location",
                          "union(",
                          "createObject(",
                          "items(",
                          "string(",
                          "div(",
                          "9223372036854775807",
                          "'",
                          " ",
                          "(",
                          "toObject(",
                          "uniqueString(",
                          "guid(",
                          "padLeft(",
                          "tryGet(",
                          "skip(",
                          "take(",
                          "indexOf(",
                          "last("};
  constexpr size_t NumTokens = sizeof(Tokens) / sizeof(Tokens[0]);
  uint64_t State = 12345;
  auto Next = [&] {
    State = State * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(State >> 33);
  };
  size_t Evaluated = 0;
  for (int I = 0; I < 20000; ++I) {
    std::string Text = "[";
    for (size_t N = Next() % 12 + 1; N > 0; --N)
      Text += Tokens[Next() % NumTokens];
    // Close what is open, so that some inputs are well formed.
    int Open = 0;
    for (char Ch : Text)
      Open += Ch == '(' ? 1 : Ch == ')' ? -1 : 0;
    if (Next() % 2)
      Text += std::string(std::max(Open, 0), ')');
    Text += "]";
    Harness H;
    Evaluator E(H.S, H.Diags, nullptr);
    E.setMaxSteps(20000);
    Value V = E.evaluateString(Text, {});
    if (V.isKnown())
      ++Evaluated;
    for (const Diagnostic &D : H.Diags)
      CHECK_FALSE(D.Message.empty());
  }
  // The soup must exercise evaluation, not only syntax errors.
  CHECK(Evaluated > 100);
}
