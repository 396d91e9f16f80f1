//===- ScoreTest.cpp - Secure score arithmetic against hand-computed cases ===//
//
// The expected numbers are computed by hand from the formula of
// checks-catalog.md §2 (Defender's classic model), including the catalog's
// worked example, not taken from the implementation's output.
//
//===----------------------------------------------------------------------===//
#include "analyzer/posture/Score.h"

#include <catch2/catch.hpp>

#include <deque>

using namespace rampart;
using namespace rampart::posture;
using check::Outcome;

namespace {

check::Check makeCheck(std::string Id, std::string Control) {
  check::Check C;
  C.Id = std::move(Id);
  C.Control = std::move(Control);
  return C;
}

/// Units with numbered resources, and results over them.
struct World {
  World() { Units.reserve(8); } // results point into the units

  std::vector<model::DeploymentUnit> Units;
  std::deque<check::Result> Results;
  std::vector<Scored> Scores;

  model::DeploymentUnit &unit(const std::string &Root, unsigned Resources) {
    REQUIRE(Units.size() < Units.capacity());
    model::DeploymentUnit &U = Units.emplace_back();
    U.Root = Root;
    for (unsigned I = 0; I < Resources; ++I) {
      model::Resource R;
      R.Id = Root + "/r" + std::to_string(I);
      U.Graph.add(std::move(R));
    }
    return U;
  }

  void result(const model::DeploymentUnit &U, unsigned Resource,
              const check::Check &C, Outcome O, Exemption E = Exemption::None) {
    check::Result &R = Results.emplace_back();
    R.TheCheck = &C;
    R.Unit = &U;
    R.Resource = &U.Graph.resources()[Resource];
    R.TheOutcome = O;
    Scores.push_back({&R, E});
  }

  SecureScore score(ScoreOptions O = {}) const {
    return computeScore(Units, Scores, O);
  }
};

const ControlScore &control(const std::vector<ControlScore> &List,
                            llvm::StringRef Name) {
  for (const ControlScore &C : List)
    if (C.Control == Name)
      return C;
  FAIL("no control " << Name.str());
  return List.front();
}

const char *InTransit = "Encrypt data in transit";
const char *Network = "Restrict unauthorized network access";

} // namespace

TEST_CASE("the catalog's worked example", "[score]") {
  // 10 storage accounts (r0-r9) and 4 key vaults (r10-r13).
  check::Check Https = makeCheck("AZ-STORAGE-001", InTransit);
  check::Check Tls = makeCheck("AZ-STORAGE-002", InTransit);
  check::Check Net = makeCheck("AZ-NET-X", Network);
  World W;
  model::DeploymentUnit &U = W.unit("main.bicep", 14);
  // In transit: 7 accounts pass both checks; r7 fails only HTTPS, r8 only
  // TLS, r9 both.
  for (unsigned I = 0; I < 10; ++I) {
    W.result(U, I, Https,
             I == 7 || I == 9 ? Outcome::Unhealthy : Outcome::Healthy);
    W.result(U, I, Tls,
             I == 8 || I == 9 ? Outcome::Unhealthy : Outcome::Healthy);
  }
  // Network: all 14 assessed, 5 healthy.
  for (unsigned I = 0; I < 14; ++I)
    W.result(U, I, Net, I < 5 ? Outcome::Healthy : Outcome::Unhealthy);

  SecureScore S = W.score();
  const ControlScore &T = control(S.Units[0].Controls, InTransit);
  CHECK(T.Healthy == 7);
  CHECK(T.Unhealthy == 3);
  CHECK(T.current() == Approx(2.80));
  const ControlScore &N = control(S.Units[0].Controls, Network);
  CHECK(N.Healthy == 5);
  CHECK(N.Unhealthy == 9);
  CHECK(N.current() == Approx(4.0 * 5 / 14)); // 1.43
  CHECK(S.Units[0].maxPoints() == 8);
  // (2.80 + 1.43) / 8 = 52.86 %, shown as 53 %.
  CHECK(S.Percent == Approx(100 * (2.8 + 20.0 / 14) / 8));
  CHECK(std::lround(S.Percent) == 53);

  // Fixing r7's HTTPS finding (its only failing in-transit check) adds
  // 4 / 10 = 0.40 control points: 0.40 / 8 = +5 points. Fixing r9's HTTPS
  // finding adds nothing: its TLS finding keeps it unhealthy.
  std::vector<Finding> Findings(2);
  Findings[0].Result = W.Results[14]; // r7, HTTPS
  Findings[1].Result = W.Results[18]; // r9, HTTPS
  REQUIRE(Findings[0].Result.Resource->Id == "main.bicep/r7");
  REQUIRE(Findings[1].Result.Resource->Id == "main.bicep/r9");
  setScoreGains(S, W.Scores, Findings);
  CHECK(Findings[0].ScoreGain == Approx(5.0));
  CHECK(Findings[1].ScoreGain == 0);
  CHECK(gainOfFixing(S, Findings) == Approx(5.0));
  Findings[0].Baselined = true; // known before: not the change's cost
  CHECK(gainOfFixing(S, Findings) == 0);

  // Recommendations rank by the gain of fixing every finding of a check:
  // the network check makes 9 resources healthy (4 x 9/14 points), more
  // than HTTPS (r7 only) or TLS (r8 only).
  REQUIRE(S.Recommendations.size() == 3);
  CHECK(S.Recommendations[0].Check == &Net);
  CHECK(S.Recommendations[0].Gain == Approx(100 * 4.0 * 9 / 14 / 8));
  CHECK(S.Recommendations[0].UnhealthyResources == 9);
  CHECK(S.Recommendations[1].Gain == Approx(5.0));
}

TEST_CASE("unknown, not-applicable and exempt outcomes leave the "
          "denominator; mitigated counts healthy",
          "[score]") {
  check::Check A = makeCheck("A", InTransit);
  World W;
  model::DeploymentUnit &U = W.unit("u", 6);
  W.result(U, 0, A, Outcome::Healthy);
  W.result(U, 1, A, Outcome::Unhealthy);
  W.result(U, 2, A, Outcome::Unknown);
  W.result(U, 3, A, Outcome::NotApplicable);
  W.result(U, 4, A, Outcome::Unhealthy, Exemption::Accepted);
  W.result(U, 5, A, Outcome::Unhealthy, Exemption::Mitigated);

  SecureScore S = W.score();
  const ControlScore &C = control(S.Units[0].Controls, InTransit);
  CHECK(C.Healthy == 2);   // r0, and r5 (mitigated)
  CHECK(C.Unhealthy == 1); // r1
  CHECK(C.current() == Approx(4.0 * 2 / 3));
  CHECK(S.Percent == Approx(100.0 * 2 / 3));

  SECTION("--strict counts the unknown resource unhealthy") {
    SecureScore Strict = W.score({/*UnknownIsUnhealthy=*/true});
    const ControlScore &SC = control(Strict.Units[0].Controls, InTransit);
    CHECK(SC.Healthy == 2);
    CHECK(SC.Unhealthy == 2);
    CHECK(Strict.Percent == Approx(50));
  }
}

TEST_CASE("a resource is healthy for a control only when all its checks "
          "there are",
          "[score]") {
  check::Check A = makeCheck("A", Network), B = makeCheck("B", Network);
  World W;
  model::DeploymentUnit &U = W.unit("u", 2);
  W.result(U, 0, A, Outcome::Healthy);
  W.result(U, 0, B, Outcome::Unhealthy);
  W.result(U, 1, A, Outcome::Healthy);
  W.result(U, 1, B, Outcome::Unknown); // ignored, A decides
  SecureScore S = W.score(); // the reference below must not outlive it
  const ControlScore &C = control(S.Units[0].Controls, Network);
  CHECK(C.Healthy == 1);
  CHECK(C.Unhealthy == 1);
}

TEST_CASE("controls without assessments and zero-point controls do not "
          "move the score",
          "[score]") {
  check::Check A = makeCheck("A", InTransit);
  check::Check Z = makeCheck("Z", "Implement security best practices");
  check::Check User = makeCheck("U", "A control of our own");
  World W;
  model::DeploymentUnit &U = W.unit("u", 2);
  W.result(U, 0, A, Outcome::Healthy);
  W.result(U, 1, Z, Outcome::Unhealthy);
  W.result(U, 1, User, Outcome::Unhealthy);
  SecureScore S = W.score();
  CHECK(S.Units[0].Controls.size() == 3);
  CHECK(S.Units[0].maxPoints() == 4);
  CHECK(S.Percent == Approx(100));
  // Listed after the catalog's controls, in catalog order.
  CHECK(S.Units[0].Controls[0].Control == InTransit);
  CHECK(S.Units[0].Controls[1].Control == "Implement security best practices");
}

TEST_CASE("the repository score weights units by assessed resources",
          "[score]") {
  check::Check A = makeCheck("A", InTransit);
  World W;
  model::DeploymentUnit &Small = W.unit("small", 1);
  model::DeploymentUnit &Big = W.unit("big", 3);
  model::DeploymentUnit &Empty = W.unit("empty", 1);
  W.result(Small, 0, A, Outcome::Unhealthy); // 0 % over 1 resource
  for (unsigned I = 0; I < 3; ++I)
    W.result(Big, I, A, Outcome::Healthy); // 100 % over 3
  SecureScore S = W.score();
  REQUIRE(S.Units.size() == 3);
  CHECK(S.Units[0].percent() == 0);
  CHECK(S.Units[1].percent() == 100);
  CHECK(S.Units[2].Source == &Empty);
  CHECK(S.Units[2].weight() == 0);
  // (0 x 1 + 100 x 3) / 4, not the 50 % an average would give.
  CHECK(S.Percent == Approx(75));
  const ControlScore &Sum = control(S.Controls, InTransit);
  CHECK(Sum.Healthy == 3);
  CHECK(Sum.Unhealthy == 1);
}

TEST_CASE("a unit assessed only by zero-point controls weighs nothing",
          "[score]") {
  check::Check A = makeCheck("A", InTransit);
  check::Check Z = makeCheck("Z", "Implement security best practices");
  World W;
  model::DeploymentUnit &Scored = W.unit("scored", 1);
  model::DeploymentUnit &ZeroOnly = W.unit("zero", 3);
  W.result(Scored, 0, A, Outcome::Unhealthy);
  for (unsigned I = 0; I < 3; ++I)
    W.result(ZeroOnly, I, Z, Outcome::Unhealthy);
  SecureScore S = W.score();
  CHECK(S.Units[1].weight() == 0);
  // Only the scored unit counts: 0 %, not (0 x 1 + 100 x 3) / 4.
  CHECK(S.Percent == 0);
}

TEST_CASE("nothing assessed scores 100", "[score]") {
  World W;
  W.unit("u", 1);
  SecureScore S = W.score();
  CHECK(S.Percent == 100);
  CHECK(S.Controls.empty());
  CHECK(S.Recommendations.empty());
}
