//===- ProviderVersionsTest.cpp - Provider major versions of a root -------===//
//
// Constraint semantics from Terraform's "Version Constraints" page: `~>`
// lets only the rightmost given part grow; clauses separated by commas must
// all hold.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/ProviderVersions.h"

#include <catch2/catch.hpp>

using namespace rampart::eval::terraform;
using Majors = std::vector<unsigned>;

TEST_CASE("terraform: the majors a version constraint allows", "[tf]") {
  CHECK(majorsAllowed("~> 5.0", 6) == Majors{5});
  CHECK(majorsAllowed("~> 5.31.0", 6) == Majors{5});
  CHECK(majorsAllowed("~> 4", 6) == Majors{4, 5, 6});
  CHECK(majorsAllowed(">= 4.0, < 6.0", 6) == Majors{4, 5});
  CHECK(majorsAllowed(">= 3.5", 5) == Majors{3, 4, 5});
  CHECK(majorsAllowed("< 5", 6) == Majors{1, 2, 3, 4});
  CHECK(majorsAllowed("<= 5.0.0", 6) == Majors{1, 2, 3, 4, 5});
  CHECK(majorsAllowed("5.31.0", 6) == Majors{5});
  CHECK(majorsAllowed("= 4.2.1", 6) == Majors{4});
  // 4.99.100 and 4.100.0 are above 4.99.99.
  CHECK(majorsAllowed("> 4.99.99", 6) == Majors{4, 5, 6});
  CHECK(majorsAllowed("> 5", 6) == Majors{5, 6});
  CHECK(majorsAllowed(">= 4.0, != 4.3.0, < 5.0", 6) == Majors{4});
  // A pin newer than the table still counts.
  CHECK(majorsAllowed("~> 9.1", 6) == Majors{9});
  CHECK(majorsAllowed("latest", 6) == std::nullopt);
  CHECK(latestMajor("aws") == 6);
  CHECK(latestMajor("random") == 0);
}
