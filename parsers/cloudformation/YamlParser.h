//===- YamlParser.h - CloudFormation YAML ----------------------*- C++ -*-===//
#ifndef RAMPART_PARSERS_CLOUDFORMATION_YAMLPARSER_H
#define RAMPART_PARSERS_CLOUDFORMATION_YAMLPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// Parses the first YAML document of a file with yaml-cpp. Short-form
/// intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, ...) become Expression nodes
/// whose Op is the tag. Always returns a document; the yaml-cpp exception
/// mark becomes a diagnostic.
Document parseYaml(const SourceFile &File, Dialect D = Dialect::CloudFormation);

} // namespace rampart::parsers

#endif
