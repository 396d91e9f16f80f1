//===- Loader.cpp - Reading a file and telling its dialect ----------------===//
#include "analyzer/workspace/Loader.h"
#include "analyzer/workspace/ParseCache.h"

#include "parsers/bicep/BicepParser.h"
#include "parsers/cloudformation/YamlParser.h"
#include "parsers/common/JsonParser.h"
#include "parsers/terraform/HclParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

namespace rampart::workspace {

namespace {

enum class Syntax { Json, Yaml };

std::optional<Syntax> dataSyntaxFromFileName(llvm::StringRef Name) {
  if (Name.endswith(".json") || Name.endswith(".jsonc"))
    return Syntax::Json;
  if (Name.endswith(".yaml") || Name.endswith(".yml"))
    return Syntax::Yaml;
  return std::nullopt;
}

// `.template` is CloudFormation's traditional extension for either syntax.
Syntax sniffSyntax(llvm::StringRef Text) {
  return Text.ltrim().startswith("{") ? Syntax::Json : Syntax::Yaml;
}

std::optional<DialectAndRole> armFromSchema(llvm::StringRef Schema) {
  static constexpr llvm::StringLiteral Templates[] = {
      "deploymentTemplate.json", "subscriptionDeploymentTemplate.json",
      "managementGroupDeploymentTemplate.json",
      "tenantDeploymentTemplate.json"};
  for (llvm::StringRef T : Templates)
    if (Schema.contains_insensitive(T))
      return DialectAndRole{Dialect::Arm, FileRole::Template};
  if (Schema.contains_insensitive("deploymentParameters.json"))
    return DialectAndRole{Dialect::Arm, FileRole::Parameters};
  return std::nullopt;
}

// AWS::, Alexa:: and Custom:: types, and the registry's third-party types
// and modules, which are named Organization::Service::Resource[::MODULE].
bool isCloudFormationType(llvm::StringRef Type) {
  if (Type.startswith("AWS::") || Type.startswith("Alexa::") ||
      Type.startswith("Custom::"))
    return true;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Type.split(Parts, "::");
  return Parts.size() >= 3 && llvm::all_of(Parts, [](llvm::StringRef P) {
           return !P.empty() && llvm::all_of(P, llvm::isAlnum);
         });
}

bool hasCloudFormationResources(const Node *Resources) {
  if (!Resources || !Resources->is(NodeKind::Map))
    return false;
  for (const MapEntry &E : Resources->Entries) {
    const Node *Type = E.Value ? E.Value->get("Type") : nullptr;
    if (Type && Type->is(NodeKind::String) && isCloudFormationType(Type->Text))
      return true;
  }
  return false;
}

bool namesSamTransform(const Node *Transform) {
  if (!Transform)
    return false;
  if (Transform->is(NodeKind::String))
    return llvm::StringRef(Transform->Text).startswith("AWS::Serverless");
  if (Transform->is(NodeKind::List))
    return llvm::any_of(Transform->Items, namesSamTransform);
  return false;
}

// When a JSON or YAML file does not parse, its tree cannot say what it is;
// these words in the text still mark it as a template whose errors matter.
std::optional<DialectAndRole> dialectFromBrokenText(llvm::StringRef Text) {
  Text = Text.take_front(64 * 1024);
  if (Text.contains("AWSTemplateFormatVersion") ||
      Text.contains("AWS::Serverless"))
    return DialectAndRole{Dialect::CloudFormation, FileRole::Template};
  size_t Schema = Text.find("$schema");
  if (Schema != llvm::StringRef::npos)
    return armFromSchema(Text.substr(Schema, 200));
  return std::nullopt;
}

Document parseLeniently(const SourceFile &Source, Syntax S) {
  if (S == Syntax::Yaml)
    return parsers::parseYaml(Source, Dialect::CloudFormation);
  return parsers::parseJson(Source, Dialect::Arm, FileRole::Template,
                            parsers::JsonSyntax::Azure);
}

// ARM accepts comments and trailing commas; CloudFormation does not.
parsers::JsonSyntax jsonSyntaxFor(Dialect D) {
  return D == Dialect::Arm ? parsers::JsonSyntax::Azure
                           : parsers::JsonSyntax::Strict;
}

Document parseWithParserOf(const SourceFile &Source, DialectAndRole Kind,
                           const LoadOptions &Options) {
  llvm::StringRef Name = llvm::sys::path::filename(Source.path());
  switch (Kind.TheDialect) {
  case Dialect::Bicep:
    return parsers::parseBicep(Source, Kind.Role);
  case Dialect::Terraform:
    if (Name.endswith(".json"))
      return parsers::parseJson(Source, Dialect::Terraform, Kind.Role,
                                parsers::JsonSyntax::Strict);
    return parsers::parseHcl(Source, Kind.Role,
                             {Options.Previous, Options.Cache != nullptr});
  case Dialect::Arm:
    return parsers::parseJson(Source, Dialect::Arm, Kind.Role,
                              parsers::JsonSyntax::Azure);
  case Dialect::CloudFormation:
    if (sniffSyntax(Source.text()) == Syntax::Json)
      return parsers::parseJson(Source, Dialect::CloudFormation, Kind.Role,
                                parsers::JsonSyntax::Strict);
    return parsers::parseYaml(Source, Dialect::CloudFormation);
  }
  return parsers::parseJson(Source, Kind.TheDialect, Kind.Role,
                            parsers::JsonSyntax::Azure);
}

void reportEncodingProblems(const SourceFile &Source, Document &Doc) {
  if (auto Nul = Source.firstNulByte()) {
    Doc.error(Source.range(*Nul, *Nul + 1),
              "file contains a NUL byte; it looks binary, not a template");
    return;
  }
  if (auto Bad = Source.firstInvalidUtf8())
    Doc.error(Source.range(*Bad, *Bad + 1), "invalid UTF-8 byte in file");
}

// Windows tools (PowerShell 5's Out-File, some editors) still save UTF-16
// with a byte-order mark. Without one UTF-16 is a guess, and the NUL bytes
// ASCII text then holds are reported as binary.
bool startsWithUtf16Bom(llvm::StringRef Text) {
  return Text.startswith("\xFF\xFE") || Text.startswith("\xFE\xFF");
}

Document refuseUtf16(const SourceFile &Source, DialectAndRole Kind) {
  Document Doc(Source, Kind.TheDialect, Kind.Role);
  Doc.error(Source.range(0, 2),
            "file is UTF-16 (it starts with a byte-order mark); templates are "
            "read as UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8");
  return Doc;
}

/// The dialect of a UTF-16 data file, read from its text converted to
/// UTF-8 (LLVM's converter, which honours the byte-order mark).
std::optional<DialectAndRole> dialectOfUtf16(llvm::StringRef Text) {
  std::string Utf8;
  if (!llvm::convertUTF16ToUTF8String(
          llvm::ArrayRef<char>(Text.data(), Text.size()), Utf8))
    return std::nullopt;
  return dialectFromBrokenText(Utf8);
}

std::string megabytes(uint64_t Bytes) {
  return llvm::formatv("{0:f1} MB", Bytes / double(1 << 20)).str();
}

bool tooLarge(const SourceFile &Source, const LoadOptions &Options) {
  return Source.text().size() > Options.MaxFileBytes;
}

Document refuseLargeFile(const SourceFile &Source, DialectAndRole Kind,
                         const LoadOptions &Options) {
  Document Doc(Source, Kind.TheDialect, Kind.Role);
  Doc.error(Source.range(0, 0), "file is " + megabytes(Source.text().size()) +
                                    ", over the " +
                                    megabytes(Options.MaxFileBytes) +
                                    " limit; not parsed (see --max-file-size)");
  return Doc;
}

LoadedFile classifyAndParse(LoadedFile File, const LoadOptions &Options) {
  const SourceFile &Source = *File.Source;
  llvm::StringRef Name = llvm::sys::path::filename(File.Path);
  if (auto Known = dialectFromFileName(Name)) {
    File.Doc =
        std::make_shared<const Document>(parseAs(Source, *Known, Options));
    return File;
  }
  std::optional<Syntax> S = dataSyntaxFromFileName(Name);
  if (!S && Name.endswith(".template"))
    S = sniffSyntax(Source.text());
  if (!S) {
    File.SkipReason = "not a template file extension";
    return File;
  }
  if (startsWithUtf16Bom(Source.text()) && !tooLarge(Source, Options)) {
    if (auto Kind = dialectOfUtf16(Source.text()))
      File.Doc = std::make_shared<const Document>(refuseUtf16(Source, *Kind));
    else
      File.SkipReason = "UTF-16, and names no template schema";
    return File;
  }
  if (tooLarge(Source, Options)) {
    if (auto Kind = dialectFromBrokenText(Source.text()))
      File.Doc = std::make_shared<const Document>(
          refuseLargeFile(Source, *Kind, Options));
    else
      File.SkipReason = "over the size limit, and names no template schema";
    return File;
  }
  // Classify on a lenient parse, then parse with the dialect's own rules.
  Document Probe = parseLeniently(Source, *S);
  std::optional<DialectAndRole> Kind = dialectFromContent(Probe.root());
  if (!Kind && Probe.hasErrors())
    Kind = dialectFromBrokenText(Source.text());
  if (!Kind) {
    File.SkipReason = Probe.hasErrors()
                          ? "does not parse as JSON or YAML and names no "
                            "template schema"
                          : "JSON or YAML, but not an ARM or CloudFormation "
                            "template";
    return File;
  }
  // Only strict JSON needs a second reading: the lenient one hid its comments
  // and trailing commas.
  std::optional<Document> Doc;
  if (*S == Syntax::Json &&
      jsonSyntaxFor(Kind->TheDialect) == parsers::JsonSyntax::Strict) {
    Doc.emplace(parsers::parseJson(Source, Kind->TheDialect, Kind->Role,
                                   parsers::JsonSyntax::Strict));
  } else {
    Probe.setKind(Kind->TheDialect, Kind->Role);
    Doc.emplace(std::move(Probe));
  }
  reportEncodingProblems(Source, *Doc);
  File.Doc = std::make_shared<const Document>(std::move(*Doc));
  return File;
}

} // namespace

std::optional<DialectAndRole> dialectFromFileName(llvm::StringRef Path) {
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  if (Name.endswith(".bicep"))
    return DialectAndRole{Dialect::Bicep, FileRole::Template};
  if (Name.endswith(".bicepparam"))
    return DialectAndRole{Dialect::Bicep, FileRole::Parameters};
  if (Name.endswith(".tf") || Name.endswith(".tf.json"))
    return DialectAndRole{Dialect::Terraform, FileRole::Template};
  if (Name.endswith(".tfvars") || Name.endswith(".tfvars.json"))
    return DialectAndRole{Dialect::Terraform, FileRole::Variables};
  return std::nullopt;
}

std::optional<DialectAndRole> dialectFromContent(const Node *Root) {
  if (!Root || !Root->is(NodeKind::Map))
    return std::nullopt;
  if (const Node *Schema = Root->get("$schema"))
    if (Schema->is(NodeKind::String))
      if (auto Arm = armFromSchema(Schema->Text))
        return Arm;
  if (Root->get("AWSTemplateFormatVersion") ||
      hasCloudFormationResources(Root->get("Resources")) ||
      namesSamTransform(Root->get("Transform")))
    return DialectAndRole{Dialect::CloudFormation, FileRole::Template};
  return std::nullopt;
}

Document parseAs(const SourceFile &Source, DialectAndRole Kind,
                 const LoadOptions &Options) {
  if (tooLarge(Source, Options))
    return refuseLargeFile(Source, Kind, Options);
  if (startsWithUtf16Bom(Source.text()))
    return refuseUtf16(Source, Kind);
  Document Doc = parseWithParserOf(Source, Kind, Options);
  reportEncodingProblems(Source, Doc);
  return Doc;
}

LoadedFile loadSource(std::unique_ptr<SourceFile> Source,
                      const LoadOptions &Options) {
  LoadedFile File;
  File.Path = Source->path().str();
  File.Source = std::move(Source);
  return classifyAndParse(std::move(File), Options);
}

/// The overlay's text for Path, if it has one.
const std::string *overlaid(llvm::StringRef Path, const LoadOptions &Options) {
  if (!Options.Overlay || Options.Overlay->empty())
    return nullptr;
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  auto It = Options.Overlay->find(Absolute);
  return It == Options.Overlay->end() ? nullptr : &It->second;
}

LoadedFile loadFile(llvm::StringRef Path, const LoadOptions &Options) {
  std::unique_ptr<SourceFile> Source;
  if (const std::string *Text = overlaid(Path, Options)) {
    Source = SourceFile::fromText(Path, *Text);
  } else {
    auto Read = SourceFile::open(Path);
    if (!Read) {
      LoadedFile File;
      File.Path = Path.str();
      File.ReadError = llvm::toString(Read.takeError());
      return File;
    }
    Source = std::move(*Read);
  }
  if (!Options.Cache)
    return loadSource(std::move(Source), Options);
  ParseCache::Found Known = Options.Cache->find(*Source);
  if (Known.Same)
    return std::move(*Known.Same);
  LoadOptions ThisFile = Options;
  ThisFile.Previous = Known.Older.get();
  LoadedFile File = loadSource(std::move(Source), ThisFile);
  Options.Cache->store(File);
  return File;
}

} // namespace rampart::workspace
