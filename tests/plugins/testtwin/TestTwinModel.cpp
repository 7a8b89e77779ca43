// The test twin's model: a least-squares plane z = a*x + b*y + c fitted to a generated field.
// Tiny, but a real train -> validate -> infer chain for the model catalogue: fit writes the
// weights and a model manifest with a computed RMSE; predict reads the weights back.
#include "TestTwin.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/ProcessClock.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <cmath>

namespace testtwin {

using twins::sdk::ActionContext;
using twins::sdk::SdkError;

namespace {

QString singleInput(const ActionContext& context, const QString& action, const QString& expected) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 1) {
        throw SdkError(QStringLiteral("testtwin ") + action,
                       QStringLiteral("needs exactly one input (%1), got %2")
                           .arg(expected)
                           .arg(inputs.size()));
    }
    return inputs.first();
}

// Solves the 3x3 normal equations by Cramer's rule: small, exact enough for a plane fit.
std::array<double, 3> solve3(const std::array<std::array<double, 3>, 3>& m,
                             const std::array<double, 3>& r) {
    const auto det = [](const std::array<std::array<double, 3>, 3>& a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
               a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    };
    const double d = det(m);
    if (std::abs(d) < 1e-12) {
        throw SdkError(QStringLiteral("testtwin fit"),
                       QStringLiteral("the field is degenerate (all cells on a line)"));
    }
    std::array<double, 3> x{};
    for (int column = 0; column < 3; ++column) {
        auto replaced = m;
        for (int row = 0; row < 3; ++row) {
            replaced[row][column] = r[row];
        }
        x[column] = det(replaced) / d;
    }
    return x;
}

} // namespace

void fitPlane(ActionContext& context) {
    QElapsedTimer wall;
    wall.start();
    const double cpuStarted = twins::sdk::processCpuSeconds();
    QString path =
        singleInput(context, QStringLiteral("fit"), QStringLiteral("field.nc of a generate run"));
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(QStringLiteral("field.nc"));
    }
    std::vector<double> values;
    std::vector<std::size_t> shape;
    try {
        const auto file = twins::data::NetcdfFile::open(path.toStdString());
        const twins::data::VariableInfo* field = file->findVariable("field");
        if (field == nullptr || field->rank() != 2) {
            throw SdkError(QStringLiteral("testtwin fit"),
                           QStringLiteral("input %1 has no 2-D variable 'field'").arg(path));
        }
        shape = field->shape;
        values = file->readDecoded("field", {0, 0}, shape);
    } catch (const twins::data::DataError& error) {
        throw SdkError(QStringLiteral("testtwin fit"), QString::fromUtf8(error.what()));
    }
    std::array<std::array<double, 3>, 3> normal{};
    std::array<double, 3> right{};
    for (std::size_t y = 0; y < shape[0]; ++y) {
        for (std::size_t x = 0; x < shape[1]; ++x) {
            const double z = values[y * shape[1] + x];
            if (std::isnan(z)) {
                continue;
            }
            const std::array<double, 3> basis{static_cast<double>(x), static_cast<double>(y), 1.0};
            for (int i = 0; i < 3; ++i) {
                for (int j = 0; j < 3; ++j) {
                    normal[i][j] += basis[i] * basis[j];
                }
                right[i] += basis[i] * z;
            }
        }
        context.throwIfCancelled();
    }
    const std::array<double, 3> plane = solve3(normal, right);
    double squares = 0.0;
    double worst = 0.0;
    std::size_t count = 0;
    for (std::size_t y = 0; y < shape[0]; ++y) {
        for (std::size_t x = 0; x < shape[1]; ++x) {
            const double z = values[y * shape[1] + x];
            if (std::isnan(z)) {
                continue;
            }
            const double error = plane[0] * x + plane[1] * y + plane[2] - z;
            squares += error * error;
            worst = std::max(worst, std::abs(error));
            ++count;
        }
    }
    const double rmse = std::sqrt(squares / static_cast<double>(std::max<std::size_t>(count, 1)));
    const double tolerance = context.parameters().value(QStringLiteral("tolerance")).toDouble();
    const QDir outputs(context.outputDirectory());
    // Files through the SDK: written atomically (a reader sees the old file or the new one).
    twins::sdk::writeJsonFile(outputs.filePath(QStringLiteral("plane.json")),
                              QJsonObject{{QStringLiteral("a"), plane[0]},
                                          {QStringLiteral("b"), plane[1]},
                                          {QStringLiteral("c"), plane[2]}});
    // The model card (model.json) the catalogue reads: weights, held-out metrics, whether the
    // model passed its own acceptance, what it was trained on and what training cost.
    twins::sdk::ModelCard card;
    card.weights = QStringList{QStringLiteral("plane.json")};
    card.metrics =
        QJsonObject{{QStringLiteral("rmse"), rmse}, {QStringLiteral("max_abs_error"), worst}};
    card.validated = rmse <= tolerance;
    card.description =
        QStringLiteral("least-squares plane, RMSE %1 K (tolerance %2 K)").arg(rmse).arg(tolerance);
    card.trainingData = QJsonObject{{QStringLiteral("cells"), static_cast<qint64>(count)}};
    card.trainingDomain =
        QJsonObject{{QStringLiteral("x"), QJsonArray{0, static_cast<qint64>(shape[1]) - 1}},
                    {QStringLiteral("y"), QJsonArray{0, static_cast<qint64>(shape[0]) - 1}}};
    card.wallSeconds = wall.elapsed() / 1000.0;
    card.cpuSeconds = twins::sdk::processCpuSeconds() - cpuStarted;
    card.threads = 1;
    card.steps = 1;
    twins::sdk::writeModelCard(context.outputDirectory(), card, context.inputs());
    context.reportMetric(0, QStringLiteral("rmse"), rmse);
    context.reportMetric(0, QStringLiteral("max_abs_error"), worst);
    context.reportProgress(1.0, QStringLiteral("fitted a plane to %1 cells").arg(count));
    context.log(QStringLiteral("plane z = %1 x + %2 y + %3, RMSE %4 K: %5")
                    .arg(plane[0])
                    .arg(plane[1])
                    .arg(plane[2])
                    .arg(rmse)
                    .arg(rmse <= tolerance ? QStringLiteral("validated")
                                           : QStringLiteral("not validated")));
}

void predictField(ActionContext& context) {
    const QString model =
        singleInput(context, QStringLiteral("predict"), QStringLiteral("a fit run (model:latest)"));
    const QString weightsPath = QDir(model).filePath(QStringLiteral("plane.json"));
    QFile weights(weightsPath);
    if (!weights.open(QIODevice::ReadOnly)) {
        throw SdkError(
            QStringLiteral("testtwin predict"),
            QStringLiteral("input %1 holds no plane.json (expected the outputs of a fit run)")
                .arg(model));
    }
    const QJsonObject plane = QJsonDocument::fromJson(weights.readAll()).object();
    for (const char* key : {"a", "b", "c"}) {
        if (!plane.value(QLatin1String(key)).isDouble()) {
            throw SdkError(
                weightsPath,
                QStringLiteral("coefficient '%1' missing or not a number").arg(QLatin1String(key)));
        }
    }
    const int size = context.parameters().value(QStringLiteral("size")).toInt();
    const auto n = static_cast<std::size_t>(size);
    // The plane extrapolates beyond the cells it was fitted on: flagged, not refused.
    twins::sdk::recordTrainingDomain(context, model,
                                     QJsonObject{{QStringLiteral("x"), QJsonArray{0, size - 1}},
                                                 {QStringLiteral("y"), QJsonArray{0, size - 1}}});
    twins::data::NetcdfWriter writer(
        QDir(context.outputDirectory()).filePath(QStringLiteral("field.nc")).toStdString());
    writer.setGlobalTextAttribute("Conventions", "CF-1.8");
    writer.setGlobalTextAttribute("title",
                                  "Twinbench test twin: field predicted by a fitted plane");
    writer.addDimension("y", n);
    writer.addDimension("x", n);
    writer.addVariable("field", twins::data::NetcdfWriter::Type::Double, {"y", "x"}, 1);
    writer.setTextAttribute("field", "units", "K");
    std::vector<double> values(n * n);
    for (std::size_t y = 0; y < n; ++y) {
        for (std::size_t x = 0; x < n; ++x) {
            values[y * n + x] = plane.value(QStringLiteral("a")).toDouble() * x +
                                plane.value(QStringLiteral("b")).toDouble() * y +
                                plane.value(QStringLiteral("c")).toDouble();
        }
    }
    writer.write("field", {0, 0}, {n, n}, values.data());
    writer.commit();
    context.reportProgress(1.0, QStringLiteral("predicted a %1 x %1 field").arg(size));
    context.log(QStringLiteral("predicted with the weights of %1").arg(weightsPath));
}

} // namespace testtwin
