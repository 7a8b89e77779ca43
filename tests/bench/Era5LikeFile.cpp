// What the two benches of the ERA5-like file share (Era5LikeFile.h).
#include "Era5LikeFile.h"

#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace twins::bench {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

double nanSum(const std::vector<double>& values) {
    double sum = 0.0;
    for (double value : values) {
        sum += std::isnan(value) ? 0.0 : value;
    }
    return sum;
}

int printDatasetTimings(const char* pathOrUrl, int stepCount) {
    using namespace twins::data;
    QElapsedTimer timer;
    timer.start();
    const auto dataset = openDataset(pathOrUrl);
    const DatasetVariable& variable = dataset->variable("t2m");
    const double openSeconds = timer.nsecsElapsed() * 1e-9;
    Hyperslab slab{{0, 0, 0}, {1, era5Latitudes, era5Longitudes}, {}};
    const std::vector<double> first = dataset->readDecoded(variable, slab);
    const double openFirstSeconds = timer.nsecsElapsed() * 1e-9;
    std::vector<double> field;
    for (int step = 1; step <= stepCount; ++step) {
        slab.start[0] = static_cast<std::size_t>(step);
        field = dataset->readDecoded(variable, slab);
    }
    const double stepSeconds = timer.nsecsElapsed() * 1e-9 - openFirstSeconds;
    QJsonObject result{{"open_s", openSeconds},
                       {"open_first_s", openFirstSeconds},
                       {"step_s", stepSeconds},
                       {"first_sum", nanSum(first)},
                       {"last_sum", nanSum(field)}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

ProcessRun runProcess(const QString& program, const QStringList& arguments) {
    QProcess process;
    QElapsedTimer wall;
    wall.start();
    process.start(program, arguments);
    if (!process.waitForFinished(600000) || process.exitCode() != 0) {
        qFatal("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
    }
    ProcessRun run;
    run.wallSeconds = wall.nsecsElapsed() * 1e-9;
    run.inside = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
    return run;
}

void writeEra5LikeT2m(const std::string& path) {
    using twins::data::NetcdfWriter;
    NetcdfWriter writer(path);
    writer.addDimension("time", era5Times);
    writer.addDimension("latitude", era5Latitudes);
    writer.addDimension("longitude", era5Longitudes);
    writer.addVariable("time", NetcdfWriter::Type::Double, {"time"});
    writer.setTextAttribute("time", "units", "hours since 1940-01-01 00:00:00");
    writer.setTextAttribute("time", "calendar", "gregorian");
    writer.addVariable("latitude", NetcdfWriter::Type::Float, {"latitude"});
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", NetcdfWriter::Type::Float, {"longitude"});
    writer.setTextAttribute("longitude", "units", "degrees_east");
    // ERA5's layout: one chunk per time step, uncompressed here so the file is 2 GB+.
    writer.addVariable("t2m", NetcdfWriter::Type::Float, {"time", "latitude", "longitude"}, 0,
                       {1, era5Latitudes, era5Longitudes});
    writer.setTextAttribute("t2m", "units", "K");
    writer.setNumberAttribute("t2m", "_FillValue", NetcdfWriter::Type::Float, {-32767.0});
    writer.setConventions();

    std::vector<double> hours(era5Times);
    for (std::size_t t = 0; t < era5Times; ++t) {
        hours[t] = 736344.0 + static_cast<double>(t); // from 2024-01-01T00
    }
    writer.write("time", {0}, {era5Times}, hours.data());
    std::vector<float> axis(era5Latitudes);
    for (std::size_t j = 0; j < era5Latitudes; ++j) {
        axis[j] = 90.0f - 0.25f * static_cast<float>(j); // descending, as ERA5
    }
    writer.write("latitude", {0}, {era5Latitudes}, axis.data());
    axis.resize(era5Longitudes);
    for (std::size_t i = 0; i < era5Longitudes; ++i) {
        axis[i] = 0.25f * static_cast<float>(i);
    }
    writer.write("longitude", {0}, {era5Longitudes}, axis.data());

    std::vector<float> profile(era5Latitudes), wave(era5Longitudes),
        field(era5Latitudes * era5Longitudes);
    for (std::size_t t = 0; t < era5Times; ++t) {
        const double phase = 2.0 * M_PI * static_cast<double>(t) / 24.0;
        for (std::size_t j = 0; j < era5Latitudes; ++j) {
            const double latitude = M_PI / 180.0 * (90.0 - 0.25 * static_cast<double>(j));
            profile[j] = static_cast<float>(250.0 + 50.0 * std::cos(latitude));
        }
        for (std::size_t i = 0; i < era5Longitudes; ++i) {
            wave[i] = static_cast<float>(
                5.0 * std::sin(M_PI / 180.0 * 0.25 * static_cast<double>(i) * 3.0 + phase));
        }
        for (std::size_t j = 0; j < era5Latitudes; ++j) {
            for (std::size_t i = 0; i < era5Longitudes; ++i) {
                field[j * era5Longitudes + i] = profile[j] + wave[i];
            }
        }
        field[t % field.size()] = era5FillValue; // one masked cell per field
        writer.write("t2m", {t, 0, 0}, {1, era5Latitudes, era5Longitudes}, field.data());
    }
    writer.commit();
}

} // namespace twins::bench
