// The four actions of the test twin. Each is small on purpose, but real: generate writes a CF
// file and reports the mean of what it wrote, sum reads a file back, sleep polls cancellation.
#include "TestField.h"
#include "TestTwin.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>

#include <cmath>
#include <stdexcept>

namespace testtwin {

using twins::data::NetcdfWriter;
using twins::sdk::ActionContext;
using twins::sdk::SdkError;

namespace {

constexpr int progressSteps = 10;

std::vector<double> axis(int size) {
    std::vector<double> values(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
        values[static_cast<std::size_t>(i)] = i;
    }
    return values;
}

} // namespace

void generateField(ActionContext& context) {
    const FieldRequest request =
        FieldRequest::fromJson(context.parameters(), QStringLiteral("testtwin generate"));
    const QString path = QDir(context.outputDirectory()).filePath(QStringLiteral("field.nc"));
    const auto size = static_cast<std::size_t>(request.size);

    NetcdfWriter writer(path.toStdString());
    writer.setGlobalTextAttribute("Conventions", "CF-1.8");
    writer.setGlobalTextAttribute("title", "Twinbench test twin field");
    writer.setGlobalTextAttribute("pattern", request.pattern.toStdString());
    writer.addDimension("y", size);
    writer.addDimension("x", size);
    writer.addVariable("y", NetcdfWriter::Type::Double, {"y"});
    writer.addVariable("x", NetcdfWriter::Type::Double, {"x"});
    writer.setTextAttribute("y", "long_name", "grid row");
    writer.setTextAttribute("x", "long_name", "grid column");
    writer.addVariable("field", NetcdfWriter::Type::Double, {"y", "x"}, 1);
    writer.setTextAttribute("field", "units", "K");
    writer.setTextAttribute("field", "long_name", "synthetic test field");
    const std::vector<double> coordinates = axis(request.size);
    writer.write("y", {0}, {size}, coordinates.data());
    writer.write("x", {0}, {size}, coordinates.data());

    // Rows go out in ~10 blocks so progress moves in ~10 steps whatever the size.
    const int rowsPerStep = std::max(1, (request.size + progressSteps - 1) / progressSteps);
    double sum = 0.0;
    for (int first = 0; first < request.size; first += rowsPerStep) {
        context.throwIfCancelled();
        const int rows = std::min(rowsPerStep, request.size - first);
        std::vector<double> block;
        block.reserve(static_cast<std::size_t>(rows) * size);
        for (int y = first; y < first + rows; ++y) {
            const std::vector<double> row = fieldRow(request, y);
            block.insert(block.end(), row.begin(), row.end());
        }
        writer.write("field", {static_cast<std::size_t>(first), 0},
                     {static_cast<std::size_t>(rows), size}, block.data());
        for (const double value : block) {
            sum += value;
        }
        context.reportProgress(static_cast<double>(first + rows) / request.size,
                               QStringLiteral("wrote rows %1-%2 of %3")
                                   .arg(first)
                                   .arg(first + rows - 1)
                                   .arg(request.size));
    }
    writer.commit();
    const double mean = sum / static_cast<double>(size * size);
    context.reportMetric(0, QStringLiteral("mean"), mean);
    context.log(QStringLiteral("wrote %1 (%2 x %3, %4, mean %5 K)")
                    .arg(path)
                    .arg(size)
                    .arg(size)
                    .arg(request.pattern)
                    .arg(mean));
}

void sleepWhileCancellable(ActionContext& context) {
    const double seconds = context.parameters().value(QStringLiteral("seconds")).toDouble();
    QElapsedTimer clock;
    clock.start();
    qint64 lastReport = -1;
    const auto total = static_cast<qint64>(seconds * 1000.0);
    // 20 ms polls keep the reaction to a cancel request well under the 0.3 s the executors
    // expect; progress goes out every 100 ms.
    while (clock.elapsed() < total) {
        context.throwIfCancelled();
        const qint64 elapsed = clock.elapsed();
        if (lastReport < 0 || elapsed - lastReport >= 100) {
            context.reportProgress(static_cast<double>(elapsed) / static_cast<double>(total),
                                   QStringLiteral("slept %1 of %2 s")
                                       .arg(static_cast<double>(elapsed) / 1000.0, 0, 'f', 1)
                                       .arg(seconds));
            lastReport = elapsed;
        }
        QThread::msleep(20);
    }
    context.reportProgress(1.0, QStringLiteral("slept %1 s").arg(seconds));
}

void failOnRequest(ActionContext& context) {
    const QString message = context.parameters().value(QStringLiteral("message")).toString();
    context.log(QStringLiteral("failing on request"));
    // A plain std::exception by default: the worker must report any exception's text as is.
    throwRequestedException(context.parameters().value(QStringLiteral("exception")).toString(),
                            message);
}

void sumField(ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 1) {
        throw SdkError(QStringLiteral("testtwin sum"),
                       QStringLiteral("needs exactly one input (field.nc of a generate run, or a "
                                      "directory holding it), got %1")
                           .arg(inputs.size()));
    }
    QString path = inputs.first();
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(QStringLiteral("field.nc"));
    }
    if (!QFileInfo::exists(path)) {
        throw SdkError(QStringLiteral("testtwin sum"),
                       QStringLiteral("input %1 does not exist (expected field.nc of a generate "
                                      "run)")
                           .arg(path));
    }
    std::vector<double> values;
    try {
        const auto file = twins::data::NetcdfFile::open(path.toStdString());
        const twins::data::VariableInfo* field = file->findVariable("field");
        if (!field) {
            throw SdkError(QStringLiteral("testtwin sum"),
                           QStringLiteral("input %1 has no variable 'field' (expected field.nc of "
                                          "a generate run)")
                               .arg(path));
        }
        values =
            file->readDecoded("field", std::vector<std::size_t>(field->rank(), 0), field->shape);
    } catch (const twins::data::DataError& error) {
        throw SdkError(QStringLiteral("testtwin sum"), QString::fromUtf8(error.what()));
    }
    double sum = 0.0;
    long long missing = 0;
    for (const double value : values) {
        if (std::isnan(value)) {
            ++missing;
        } else {
            sum += value;
        }
    }
    context.throwIfCancelled();
    const QString output = QDir(context.outputDirectory()).filePath(QStringLiteral("sum.json"));
    twins::sdk::writeJsonFile(
        output, QJsonObject{{QStringLiteral("sum"), sum},
                            {QStringLiteral("values"), static_cast<qint64>(values.size())},
                            {QStringLiteral("missing"), missing},
                            {QStringLiteral("input"), path}});
    context.reportMetric(0, QStringLiteral("sum"), sum);
    context.reportProgress(1.0, QStringLiteral("summed %1 values").arg(values.size()));
    context.log(QStringLiteral("sum of %1 = %2").arg(path).arg(sum, 0, 'g', 17));
}

} // namespace testtwin
