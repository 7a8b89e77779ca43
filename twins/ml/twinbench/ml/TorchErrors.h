#pragma once

#include "twinbench/sdk/SdkError.h"

#include <QString>

#include <string>
#include <utility>

// One path for LibTorch errors. LibTorch throws c10::Error, which derives from std::exception
// but not from std::runtime_error, and whose what() carries a C++ backtrace of dozens of lines
// (measured here: 2-4 KB for a shape mismatch in a Linear or Conv3d layer or a corrupt weights
// file); a `catch (const std::runtime_error&)` misses it and the user gets the backtrace. Some of
// its checks (Tensor::view) throw a plain std::runtime_error instead. This header includes no
// torch header, so torch-free action files use it too.
namespace twins::ml {

// The message of the exception being handled (call only inside a catch block), on one line:
// for a c10::Error its what_without_backtrace(), without the "Exception raised from" trailer
// and with its lines joined by "; ". Other std::exceptions give what() the same way;
// std::bad_alloc says "out of memory".
std::string currentErrorMessage();

// Runs `work`, a call into LibTorch, and returns its result. Any failure but an SdkError
// (cancellation included, which passes unchanged) becomes SdkError(source, "<what>: <one-line
// message>"), where <what> says what was being done ("generating showers with model M").
template <typename Work>
decltype(auto) runTorch(const QString& source, const QString& what, Work&& work);

// For a whole action or query: only what LibTorch throws (c10::Error, std::bad_alloc) becomes
// SdkError(source, "<one-line message>"); every other exception (the twins' own, which already
// name the file and parameter at fault) passes unchanged.
template <typename Work> decltype(auto) guardTorch(const QString& source, Work&& work);

// The catch blocks of the two (call only inside a catch block).
[[noreturn]] void rethrowOnOneLine(const QString& source, const QString& what);
[[noreturn]] void rethrowTorchErrorsOnOneLine(const QString& source);

template <typename Work>
decltype(auto) runTorch(const QString& source, const QString& what, Work&& work) {
    try {
        return std::forward<Work>(work)();
    } catch (...) {
        rethrowOnOneLine(source, what);
    }
}

template <typename Work> decltype(auto) guardTorch(const QString& source, Work&& work) {
    try {
        return std::forward<Work>(work)();
    } catch (...) {
        rethrowTorchErrorsOnOneLine(source);
    }
}

} // namespace twins::ml
