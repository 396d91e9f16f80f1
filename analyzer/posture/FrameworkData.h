//===- FrameworkData.h - The compiled-in framework lists -------*- C++ -*-===//
//
// The text of posture/frameworks/*.yaml, put into a generated source by
// analyzer/CMakeLists.txt so the binary needs no data files beside it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_FRAMEWORKDATA_H
#define RAMPART_ANALYZER_POSTURE_FRAMEWORKDATA_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace rampart::posture {

struct FrameworkText {
  llvm::StringRef Name; ///< The file name without .yaml
  llvm::StringRef Yaml;
};

llvm::ArrayRef<FrameworkText> frameworkTexts();

} // namespace rampart::posture

#endif
