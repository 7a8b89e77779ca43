#include "FileLoading.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"

#include <QFileInfo>

#include <exception>
#include <new>

namespace twins::app {

OpenedFile openFileInBackground(const QString& path) {
    OpenedFile result;
    result.path = QFileInfo(path).absoluteFilePath();
    try {
        result.file = data::NetcdfFile::open(result.path.toStdString());
    } catch (const data::DataError& error) {
        result.error = QString::fromStdString(error.reason());
    } catch (const std::bad_alloc&) {
        result.error = QStringLiteral("not enough memory to read the file's header");
    } catch (const std::exception& error) {
        result.error = QString::fromStdString(error.what());
    }
    return result;
}

LoadedField readFieldInBackground(std::shared_ptr<const data::NetcdfFile> file,
                                  const QString& variable,
                                  const std::map<std::string, std::size_t>& leadingIndices) {
    LoadedField result;
    result.path = QString::fromStdString(file->path());
    result.variable = variable;
    try {
        result.field = std::make_shared<const data::FieldSlice>(
            data::readFieldSlice(*file, variable.toStdString(), leadingIndices));
    } catch (const data::DataError& error) {
        result.error = QString::fromStdString(error.what());
    } catch (const std::bad_alloc&) {
        result.error = QStringLiteral("%1, variable '%2': not enough memory to read the slice")
                           .arg(result.path, variable);
    } catch (const std::exception& error) {
        result.error = QString::fromStdString(error.what());
    }
    return result;
}

} // namespace twins::app
