//===- Loader.h - Reading a file and telling its dialect -------*- C++ -*-===//
//
// The dialect comes from the file name where it is unambiguous (.bicep,
// .bicepparam, .tf, .tf.json, .tfvars, .tfvars.json) and from the content
// otherwise: ARM by its `$schema`, CloudFormation by AWSTemplateFormatVersion,
// AWS/Alexa/Custom resource types or the SAM transform. JSON and YAML of any
// other kind are not templates and are skipped with a reason.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_WORKSPACE_LOADER_H
#define RAMPART_ANALYZER_WORKSPACE_LOADER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>

namespace rampart::workspace {

struct DialectAndRole {
  Dialect TheDialect;
  FileRole Role;
};

class ParseCache;

struct LoadOptions {
  /// Larger files get a diagnostic instead of a parse. Azure refuses ARM
  /// templates over 4 MB and CloudFormation bodies over 1 MB; past this size a
  /// file is generated or hostile, and the tree-sitter and YAML parsers need
  /// about 150 bytes of memory per byte of input.
  uint64_t MaxFileBytes = 16u << 20;
  /// Texts to read instead of the disk's, by absolute path: the language
  /// server's unsaved editor buffers.
  std::shared_ptr<const llvm::StringMap<std::string>> Overlay;
  /// Files parsed by an earlier run, reused while their text is the same
  /// (the language server re-analyses a scope on every keystroke, and only
  /// the edited file changed).
  std::shared_ptr<ParseCache> Cache;
  /// For one file: its earlier version, to parse only what changed (HCL).
  /// loadFile sets it from the Cache; the tree it needs is kept only when
  /// a Cache is given.
  const Document *Previous = nullptr;
};

/// A file as the scan sees it. Exactly one of three outcomes: Doc is set (a
/// template, possibly with diagnostics), SkipReason is set (not a template),
/// or ReadError is set (the file could not be read). Source and Doc are
/// shared and never change once loaded: a ParseCache hands the same ones to
/// the next run.
struct LoadedFile {
  std::string Path;
  std::shared_ptr<const SourceFile> Source;
  std::shared_ptr<const Document> Doc;
  std::string SkipReason;
  std::string ReadError;
};

/// The dialect a file name alone decides, if it does.
std::optional<DialectAndRole> dialectFromFileName(llvm::StringRef Path);

/// The dialect of a parsed JSON or YAML tree, if it is a template.
std::optional<DialectAndRole> dialectFromContent(const Node *Root);

/// Reads, classifies and parses the file at Path.
LoadedFile loadFile(llvm::StringRef Path, const LoadOptions &Options = {});
/// Classifies and parses text already in memory (stdin, editor buffers).
LoadedFile loadSource(std::unique_ptr<SourceFile> Source,
                      const LoadOptions &Options = {});

/// Parses a file whose dialect is known (for `rampart parse --dialect`).
Document parseAs(const SourceFile &Source, DialectAndRole Kind,
                 const LoadOptions &Options = {});

} // namespace rampart::workspace

#endif
