#pragma once

#include <QString>

#include <map>
#include <memory>
#include <string>

namespace twins::data {
class NetcdfFile;
struct FieldSlice;
} // namespace twins::data

namespace twins::app {

// Results of work done on the thread pool; exactly one of the value and error is set.
struct OpenedFile {
    QString path;
    std::shared_ptr<const data::NetcdfFile> file;
    QString error;
};

struct LoadedField {
    QString path;
    QString variable;
    std::shared_ptr<const data::FieldSlice> field;
    QString error;
};

// Both run off the GUI thread (QtConcurrent) and never throw: failures become error texts
// that name the file, the variable and the reason.
OpenedFile openFileInBackground(const QString& path);
LoadedField readFieldInBackground(std::shared_ptr<const data::NetcdfFile> file,
                                  const QString& variable,
                                  const std::map<std::string, std::size_t>& leadingIndices = {});

} // namespace twins::app
