//===- WebConfig.h - Effective App Service site settings -------*- C++ -*-===//
//
// A site's settings live in properties.siteConfig, but a child
// Microsoft.Web/sites/config resource named `web` overrides them (ARM
// declares it at top level as "site/web", Bicep with a parent as "web").
// Several App Service checks read the effective value.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AZURE_APPSERVICE_WEBCONFIG_H
#define RAMPART_CHECKS_AZURE_APPSERVICE_WEBCONFIG_H

#include "analyzer/check/Property.h"
#include "analyzer/check/Relations.h"

#include <string>

namespace rampart::checks::azure {

/// The `config/web` child of the site or slot, or null.
inline const model::Resource *webConfigOf(const check::Subject &S) {
  for (const model::Resource *Child :
       check::childrenOf(S.Unit, S.Resource,
                         {"Microsoft.Web/sites/config",
                          "Microsoft.Web/sites/slots/config"})) {
    if (!Child->Name.is(model::ValueKind::String))
      continue;
    llvm::StringRef Name = Child->Name.asString();
    if (Name.rsplit('/').second.equals_insensitive("web") ||
        Name.equals_insensitive("web"))
      return Child;
  }
  return nullptr;
}

/// Setting (a name under siteConfig) as the config/web child sets it, else
/// as the site does: OnConfig is a rule on "properties.<Setting>", OnSite
/// on "properties.siteConfig.<Setting>" (with the service default).
inline check::Evaluation
effectiveSiteSetting(const check::Subject &S, const std::string &Setting,
                     const check::PropertyRule &OnSite,
                     const check::PropertyRule &OnConfig) {
  if (const model::Resource *Web = webConfigOf(S)) {
    check::Lookup L =
        check::lookupPath(Web->Properties, "properties." + Setting, true);
    if (L.Result != check::Lookup::State::Missing)
      return OnConfig.evaluate(check::Subject{*Web, S.Unit});
  }
  return OnSite.evaluate(S);
}

/// Recipe, for a finding on the site's own siteConfig only: a setting the
/// config/web child sets is that resource's text, which an edit of the
/// site cannot change.
inline check::FixRecipe onSiteConfig(check::FixRecipe Recipe) {
  return [Recipe](const check::Subject &S, const check::Evaluation &E,
                  const check::Binding &B) -> std::vector<check::FixIntent> {
    if (E.Path.empty() ||
        !llvm::StringRef(E.Path.front()).startswith("properties.siteConfig."))
      return {};
    return Recipe(S, E, B);
  };
}

} // namespace rampart::checks::azure

#endif
