//===- Plan.h - A finding's fix as text edits ------------------*- C++ -*-===//
//
// A check's fix is intents ("set properties.minimumTlsVersion to
// 'TLS1_2'"); planning lowers them to text edits on the files as written,
// with the editor of the resource's dialect, and decides the fix's final
// applicability: a safe fix that replaces a parameter or variable reference
// is unsafe, and says which parameter in its title. The edit goes where the
// resource uses the value; with FixParams, a value set by a parameter's
// default or a variable file is changed where it is set instead.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_FIX_PLAN_H
#define RAMPART_ANALYZER_FIX_PLAN_H

#include "analyzer/check/Engine.h"
#include "analyzer/workspace/Loader.h"
#include "parsers/common/Document.h"
#include "parsers/common/TextEdit.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rampart::fix {

/// The edits of a fix in one file.
struct FileChange {
  const SourceFile *File = nullptr;
  std::vector<TextEdit> Edits;
};

struct Fix {
  std::string Title;
  check::Applicability Kind = check::Applicability::Safe;
  std::vector<FileChange> Changes;
};

struct PlanOptions {
  /// --fix-params: change a parameter's or variable's value where it is set
  /// (its default, a parameter or .tfvars file) rather than at its use.
  bool FixParams = false;
};

/// The parsed document of a file, or null when the run did not parse it.
using DocumentLookup = std::function<const Document *(const SourceFile &)>;

/// Looks documents up among loaded files (a scan's, the parameter files').
DocumentLookup lookupIn(
    std::initializer_list<const std::vector<workspace::LoadedFile> *> Files);

/// Whether Doc is written as JSON: by its name (.json, .tf.json), or a
/// CloudFormation template whose text is an object (`.template` files are
/// either). Its edits and suppressions take JSON's form.
bool writtenAsJson(const Document &Doc);

/// The node R's edits start from in Doc: its object (ARM, Bicep,
/// CloudFormation, Terraform JSON) or block body (Terraform); null when
/// Doc does not declare it.
const Node *resourceObject(const Document &Doc, const model::Resource &R);

/// The whole text that declares R in Doc: an ARM resource object, a Bicep
/// resource statement, a Terraform block, a CloudFormation logical id with
/// its body. What a suppression comment goes above; nullopt when Doc does
/// not declare R.
std::optional<SourceRange> declarationSpan(const Document &Doc,
                                           const model::Resource &R);

/// The fix of an unhealthy result; nullopt when its check has none here,
/// or an editor cannot make it (a value on the path is not an object, the
/// resource's file was not parsed).
std::optional<Fix> planFix(const check::Result &R, const DocumentLookup &Docs,
                           const PlanOptions &Options = {});

} // namespace rampart::fix

#endif
