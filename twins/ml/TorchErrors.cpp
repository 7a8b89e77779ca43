#include "twinbench/ml/TorchErrors.h"

#include <c10/util/Exception.h>
#include <new>
#include <sstream>

namespace twins::ml {

namespace {

// One line: lines trimmed and joined by "; ", LibTorch's "Exception raised from ..." trailer
// (the location in its sources, useless to a user) dropped.
std::string oneLine(const std::string& text) {
    std::istringstream lines(text);
    std::string line, result;
    while (std::getline(lines, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) {
            continue;
        }
        line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        if (line.starts_with("Exception raised from")) {
            break;
        }
        result += (result.empty() ? "" : "; ") + line;
    }
    return result.empty() ? std::string("unknown LibTorch error") : result;
}

} // namespace

std::string currentErrorMessage() {
    try {
        throw;
    } catch (const c10::Error& error) {
        return oneLine(error.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        return "out of memory";
    } catch (const std::exception& error) {
        return oneLine(error.what());
    } catch (...) {
        return "unknown error";
    }
}

void rethrowOnOneLine(const QString& source, const QString& what) {
    try {
        throw;
    } catch (const twins::sdk::SdkError&) {
        throw;
    } catch (...) {
        const QString message = QString::fromStdString(currentErrorMessage());
        throw twins::sdk::SdkError(source, what.isEmpty() ? message : what + ": " + message);
    }
}

void rethrowTorchErrorsOnOneLine(const QString& source) {
    try {
        throw;
    } catch (const c10::Error&) {
        throw twins::sdk::SdkError(source, QString::fromStdString(currentErrorMessage()));
    } catch (const std::bad_alloc&) {
        throw twins::sdk::SdkError(source, QString::fromStdString(currentErrorMessage()));
    }
}

} // namespace twins::ml
