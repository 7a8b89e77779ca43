// what_if: the burned probability of one 8-day step of a cube, predicted by a trained model
// (Monte Carlo dropout members) from the step's drivers with the land temperatures (lst_day,
// t2m_min) shifted and the precipitation (tp) scaled inside a region, beside the prediction
// from the drivers as they are. Only the step's drivers change: the cube's antecedent state
// (drought, fuel), which the generator carries from step to step and the network sees through
// the drivers it shaped, stays as generated; a generate run with warming and
// precipitation_scale re-simulates it. The answer is a `map` (plugins/README.md).
#include "WhatIfQuery.h"

#include "CubeGrid.h"
#include "DriverCube.h"
#include "FireEnsemble.h"
#include "ModelInputs.h"
#include "PredictedSteps.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
using Clock = std::chrono::steady_clock;
const QString source = QStringLiteral("wildfire query what_if");
constexpr std::uint64_t maskSeed = 1; // the same dropout masks in every answer

// The defaults and ranges are those of the query's parameters in wildfire.json; the Explore
// dock sends them all, scripts may leave out the ones with a default.
double number(const QJsonObject& arguments, const char* key, double fallback, double low,
              double high, const QString& unit) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isDouble() || !(value.toDouble() >= low && value.toDouble() <= high)) {
        throw SdkError(source, QStringLiteral("argument '%1' must be a number from %2 to %3%4")
                                   .arg(QLatin1String(key))
                                   .arg(low)
                                   .arg(high)
                                   .arg(unit.isEmpty() ? QString() : QStringLiteral(" ") + unit));
    }
    return value.toDouble();
}

// A train run's directory or its outputs/ -> the directory of fire_net.json.
std::string modelDirectory(const QString& argument) {
    for (const QString& candidate :
         {argument, QDir(argument).filePath(QStringLiteral("outputs"))}) {
        if (!argument.isEmpty() && isModelInput(candidate)) {
            return QFileInfo(candidate).canonicalFilePath().toStdString();
        }
    }
    throw SdkError(source, QStringLiteral("argument 'model' is '%1': expected a wildfire train "
                                          "run's directory or its outputs/ (fire_net.pt and "
                                          "fire_net.json)")
                               .arg(argument));
}

// A generate run's directory, its outputs/ or the cube file -> the cube file.
std::string cubeFile(const QString& argument) {
    for (const QString& candidate :
         {argument, QDir(argument).filePath(QStringLiteral("outputs"))}) {
        if (!argument.isEmpty()) {
            if (const std::string cube = cubePathOf(candidate); !cube.empty()) {
                return QFileInfo(QString::fromStdString(cube)).canonicalFilePath().toStdString();
            }
        }
    }
    throw SdkError(source, QStringLiteral("argument 'cube' is '%1': expected a wildfire generate "
                                          "run's directory, its outputs/ or its cube.nc or "
                                          "cube.zarr")
                               .arg(argument));
}

QJsonObject condition(double value, const QString& units) {
    return QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("units"), units}};
}

QString base64(const std::vector<float>& values) {
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(values.data()),
                                          static_cast<qsizetype>(values.size() * sizeof(float)))
                                   .toBase64());
}

QString isoDate(double daysSince2001) {
    return QDate(2001, 1, 1).addDays(static_cast<qint64>(daysSince2001)).toString(Qt::ISODate);
}

} // namespace

// What stays loaded between queries: one model, its Monte Carlo passes and one cube.
class WhatIfSession {
public:
    WhatIfSession(const std::string& model, const std::string& cube, int passes)
        : model(model), cubePath(cube), passes(passes),
          ensemble(std::vector<std::string>{model}, passes, 0, maskSeed),
          cube(cube, ensemble.first().drivers, false) {
        ensemble.checkGrid(this->cube);
        // Fixed masks: the prediction as generated and every changed one share them, and a
        // change recomputed over its region alone equals the whole map's (predictChange).
        ensemble.fixDropoutMasks(this->cube, maskSeed);
        steps = stepsPredictingIn(this->cube, ensemble.first().leadSteps, -1e9, 1e9);
        trainedDomain = twins::sdk::readTrainingDomain(QString::fromStdString(model));
    }

    std::string model;
    std::string cubePath;
    int passes;
    FireEnsemble ensemble;
    DriverCube cube;
    PredictedSteps steps;
    QJsonObject trainedDomain;
    // The prediction from the drivers as generated, of step asIsStep: the same for every
    // question about that step (the dropout masks are fixed), so it is computed once.
    std::size_t asIsStep = static_cast<std::size_t>(-1);
    EnsembleStep asIs;
};

WhatIfCache::WhatIfCache() = default;
WhatIfCache::~WhatIfCache() = default;

QJsonObject whatIfQuery(const QJsonObject& arguments, WhatIfCache& cache) {
    const auto started = Clock::now();
    const std::string model = modelDirectory(arguments.value(QStringLiteral("model")).toString());
    const std::string cubePath = cubeFile(arguments.value(QStringLiteral("cube")).toString());
    const double offset =
        number(arguments, "temperature_offset", 0.0, -10.0, 10.0, QStringLiteral("K"));
    const double factor = number(arguments, "precipitation_factor", 1.0, 0.0, 5.0, QString());
    const int passes = static_cast<int>(number(arguments, "mc_passes", 5.0, 0.0, 200.0, {}));
    const QString regionText =
        arguments.value(QStringLiteral("region")).toString(QStringLiteral("-180,-90,180,90"));
    const QString dateText = arguments.value(QStringLiteral("date")).toString();
    const QJsonValue tileValue = arguments.value(QStringLiteral("tile"));
    if (!tileValue.isUndefined() && !tileValue.isBool()) {
        throw SdkError(source, QStringLiteral("argument 'tile' must be true or false"));
    }
    const bool tile = tileValue.toBool(true);
    BoundingBox region;
    try {
        region = parseBoundingBox(regionText.toStdString());
    } catch (const std::exception& error) {
        throw SdkError(source, QStringLiteral("argument 'region' is '%1': %2")
                                   .arg(regionText, QString::fromUtf8(error.what())));
    }

    bool loadedNow = false;
    try {
        WhatIfSession* session = cache.session.get();
        if (session == nullptr || session->model != model || session->cubePath != cubePath ||
            session->passes != passes) {
            cache.session.reset();
            cache.session = std::make_unique<WhatIfSession>(model, cubePath, passes);
            loadedNow = true;
        }
    } catch (const SdkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    WhatIfSession& session = *cache.session;
    const PredictedSteps& steps = session.steps;
    if (steps.driverSteps.empty()) {
        throw SdkError(source, QStringLiteral("the cube %1 has no step the model can predict")
                                   .arg(QString::fromStdString(cubePath)));
    }
    // The predicted step holding `date` (its 8 days), or the cube's last predicted step.
    std::size_t chosen = steps.driverSteps.size() - 1;
    if (!dateText.isEmpty()) {
        const QDate date = QDate::fromString(dateText.left(10), Qt::ISODate);
        if (!date.isValid()) {
            throw SdkError(source, QStringLiteral("argument 'date' is '%1': expected a date "
                                                  "YYYY-MM-DD or empty (the last step)")
                                       .arg(dateText));
        }
        const double day = daysSince2001(date.year(), date.month(), date.day());
        bool found = false;
        for (std::size_t s = 0; s < steps.targetDays.size(); ++s) {
            if (day >= steps.targetDays[s] && day < steps.targetDays[s] + 8.0) {
                chosen = s;
                found = true;
            }
        }
        if (!found) {
            throw SdkError(source, QStringLiteral("argument 'date' is %1: the cube %2 predicts "
                                                  "the steps from %3 to %4")
                                       .arg(dateText, QString::fromStdString(cubePath),
                                            isoDate(steps.targetDays.front()),
                                            isoDate(steps.targetDays.back() + 7.0)));
        }
    }

    const DriverCube& cube = session.cube;
    const std::size_t rows = cube.rows();
    const std::size_t columns = cube.columns();
    const std::size_t cells = rows * columns;
    std::vector<unsigned char> inside(cells);
    std::size_t insideLand = 0;
    // The rows and columns holding the region's cells: all the change can touch.
    std::size_t firstRow = rows, lastRow = 0, firstColumn = columns, lastColumn = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const double latitude = cube.latitudes()[r];
        for (std::size_t c = 0; c < columns; ++c) {
            const double longitude = cube.longitudes()[c];
            const bool in = latitude >= region.south && latitude <= region.north &&
                            longitude >= region.west && longitude <= region.east;
            inside[r * columns + c] = in ? 1 : 0;
            insideLand += in && cube.landFraction()[r * columns + c] >= 0.5 ? 1 : 0;
            if (in) {
                firstRow = std::min(firstRow, r);
                lastRow = std::max(lastRow, r);
                firstColumn = std::min(firstColumn, c);
                lastColumn = std::max(lastColumn, c);
            }
        }
    }
    // No cell inside, or no change: the drivers are those as generated.
    CellBox changedCells;
    if (firstRow <= lastRow && (offset != 0.0 || factor != 1.0)) {
        changedCells =
            CellBox{firstRow, lastRow - firstRow + 1, firstColumn, lastColumn - firstColumn + 1};
    }
    const DriverAdjustment adjust = [&](const std::string& driver, std::vector<double>& field) {
        const bool temperature = driver == "lst_day" || driver == "t2m_min";
        if (!temperature && driver != "tp") {
            return;
        }
        for (std::size_t i = 0; i < cells; ++i) {
            if (inside[i] != 0 && std::isfinite(field[i])) {
                field[i] = temperature ? field[i] + offset : field[i] * factor;
            }
        }
    };
    EnsembleStep changed;
    std::size_t computedCells = 0;
    double networkSeconds = 0.0;
    try {
        if (session.asIsStep != chosen) {
            session.asIsStep = static_cast<std::size_t>(-1);
            session.ensemble.predict(cube, steps.driverSteps[chosen], session.asIs);
            session.asIsStep = chosen;
        }
        if (tile) {
            // Only the cells the change reaches, from a window around the region.
            changed = session.asIs;
            networkSeconds = session.ensemble.predictChange(
                cube, steps.driverSteps[chosen], changedCells, adjust, changed, &computedCells);
        } else {
            // The whole map (the reference the tiles are checked against).
            networkSeconds =
                session.ensemble.predict(cube, steps.driverSteps[chosen], changed, adjust);
            const std::size_t multiple = std::size_t(1) << session.ensemble.first().depth;
            computedCells = (rows + multiple - 1) / multiple * multiple *
                            ((columns + multiple - 1) / multiple * multiple);
        }
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }

    const std::size_t members = session.ensemble.members();
    const float missing = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> mean(cells, missing);
    std::vector<float> spread(cells, missing);
    std::vector<float> change(cells, missing);
    double regionBefore = 0.0;
    double regionAfter = 0.0;
    // The region's expected burned area (ha in the step, the members' mean) from the regression
    // head, when the model has one.
    const bool withArea = session.ensemble.hasRegressionHead();
    double regionAreaBefore = 0.0;
    double regionAreaAfter = 0.0;
    for (std::size_t i = 0; i < cells; ++i) {
        if (changed.masked[i] != 0 || !(cube.landFraction()[i] >= 0.5)) {
            continue;
        }
        double sum = 0.0;
        double squares = 0.0;
        double before = 0.0;
        for (std::size_t m = 0; m < members; ++m) {
            const double value = changed.members[m * cells + i];
            sum += value;
            squares += value * value;
            before += session.asIs.members[m * cells + i];
        }
        const double average = sum / static_cast<double>(members);
        before /= static_cast<double>(members);
        mean[i] = static_cast<float>(average);
        spread[i] = static_cast<float>(
            std::sqrt(std::max(0.0, squares / static_cast<double>(members) - average * average)));
        change[i] = static_cast<float>(average - before);
        if (inside[i] != 0) {
            regionBefore += before;
            regionAfter += average;
            for (std::size_t m = 0; withArea && m < members; ++m) {
                regionAreaBefore += session.asIs.areaMembers[m * cells + i] / members;
                regionAreaAfter += changed.areaMembers[m * cells + i] / members;
            }
        }
    }

    // A cube of a scenario the model was not trained on is flagged, not refused.
    const std::string scenario = cube.attribute("wildfire_scenario");
    const std::size_t multiple = std::size_t(1) << session.ensemble.first().depth;
    const twins::sdk::DomainCheck domain = twins::sdk::checkTrainingDomain(
        session.trainedDomain,
        QJsonObject{
            {"rows", static_cast<int>((rows + multiple - 1) / multiple * multiple)},
            {"columns", static_cast<int>((columns + multiple - 1) / multiple * multiple)},
            {"scenario", QString::fromStdString(scenario.empty() ? "historical" : scenario)}});
    const QString step = isoDate(steps.targetDays[chosen]);
    const auto grid = [&](const std::vector<double>& centres) {
        return QJsonObject{
            {QStringLiteral("start"), centres.front()},
            {QStringLiteral("step"), centres.size() > 1 ? centres[1] - centres[0] : 0.0}};
    };
    const double milliseconds =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    return QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Burned probability, 8 days from %1").arg(step)},
        {QStringLiteral("conditions"),
         QJsonObject{{QStringLiteral("region"), regionText},
                     {QStringLiteral("temperature offset"), condition(offset, QStringLiteral("K"))},
                     {QStringLiteral("precipitation factor"), factor},
                     {QStringLiteral("members"), static_cast<double>(members)}}},
        {QStringLiteral("map"),
         QJsonObject{
             {QStringLiteral("rows"), static_cast<double>(rows)},
             {QStringLiteral("columns"), static_cast<double>(columns)},
             {QStringLiteral("latitude"), grid(cube.latitudes())},
             {QStringLiteral("longitude"), grid(cube.longitudes())},
             {QStringLiteral("order"), QStringLiteral("row_major_north_first")},
             // Titles, colour maps and ranges for the GUI's map page: probabilities on a
             // fixed [0, 1] so colours compare from one question to the next, the change on a
             // diverging map centred on 0.
             {QStringLiteral("fields"),
              QJsonArray{
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("burned_probability")},
                              {QStringLiteral("title"),
                               QStringLiteral("Burned probability (Monte Carlo mean)")},
                              {QStringLiteral("units"), QStringLiteral("1")},
                              {QStringLiteral("colormap"), QStringLiteral("magma")},
                              {QStringLiteral("range"), QJsonArray{0.0, 1.0}},
                              {QStringLiteral("float32_base64"), base64(mean)}},
                  QJsonObject{
                      {QStringLiteral("name"), QStringLiteral("burned_probability_spread")},
                      {QStringLiteral("title"),
                       QStringLiteral("Spread of the burned probability (Monte Carlo standard "
                                      "deviation)")},
                      {QStringLiteral("units"), QStringLiteral("1")},
                      {QStringLiteral("colormap"), QStringLiteral("viridis")},
                      {QStringLiteral("uncertainty_of"), QStringLiteral("burned_probability")},
                      {QStringLiteral("float32_base64"), base64(spread)}},
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("burned_probability_change")},
                              {QStringLiteral("title"),
                               QStringLiteral("Change of the burned probability against the "
                                              "drivers as generated")},
                              {QStringLiteral("units"), QStringLiteral("1")},
                              {QStringLiteral("colormap"), QStringLiteral("coolwarm")},
                              {QStringLiteral("symmetric"), true},
                              {QStringLiteral("float32_base64"), base64(change)}}}}}},
        {QStringLiteral("metrics"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("region land cells")},
                         {QStringLiteral("value"), static_cast<double>(insideLand)}},
             QJsonObject{
                 {QStringLiteral("name"),
                  QStringLiteral("region mean probability, drivers as generated")},
                 {QStringLiteral("value"), insideLand > 0 ? regionBefore / insideLand : 0.0}},
             QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("region mean probability, what if")},
                 {QStringLiteral("value"), insideLand > 0 ? regionAfter / insideLand : 0.0}},
             QJsonObject{
                 {QStringLiteral("name"),
                  QStringLiteral("region expected burned area, drivers as generated (ha)")},
                 {QStringLiteral("value"),
                  withArea ? QJsonValue(regionAreaBefore)
                           : QJsonValue(QStringLiteral("n/a: the model has no regression head"))}},
             QJsonObject{{QStringLiteral("name"),
                          QStringLiteral("region expected burned area, what if (ha)")},
                         {QStringLiteral("value"),
                          withArea ? QJsonValue(regionAreaAfter)
                                   : QJsonValue(QStringLiteral("n/a: the model has no "
                                                               "regression head"))}},
             // The flag where the reader looks: the map page shows the metrics under the map.
             QJsonObject{{QStringLiteral("name"), QStringLiteral("model's training domain")},
                         {QStringLiteral("value"),
                          domain.inside() ? QStringLiteral("inside")
                                          : QStringLiteral("outside: ") + domain.summary()}}}},
        {QStringLiteral("domain"), QJsonObject{{QStringLiteral("inside"), domain.inside()},
                                               {QStringLiteral("summary"), domain.summary()}}},
        {QStringLiteral("step"), step},
        {QStringLiteral("loaded_now"), loadedNow},
        {QStringLiteral("computed_cells"), static_cast<double>(computedCells)},
        {QStringLiteral("network_milliseconds"), networkSeconds * 1e3},
        {QStringLiteral("milliseconds"), milliseconds}};
}

} // namespace wildfire
