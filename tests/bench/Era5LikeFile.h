#pragma once

// The 2 GB+ ERA5-like NetCDF-4 file two benches read (bench_large_file locally, and
// bench_remote_first_frame over loopback HTTP): t2m, 520 hourly steps x 721 x 1440 float32, one
// time step per chunk as ERA5 files are, uncompressed so the file is over 2 GiB, CF time units;
// and what those benches share: the child process that opens it and reads fields, timed inside.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <string>
#include <vector>

namespace twins::bench {

constexpr std::size_t era5Times = 520;
constexpr std::size_t era5Latitudes = 721;
constexpr std::size_t era5Longitudes = 1440;
constexpr float era5FillValue = -32767.0f;

// An ERA5-like 2 m temperature: a smooth latitude profile, waves moving with time, one masked
// cell per field.
void writeEra5LikeT2m(const std::string& path);

double median(std::vector<double> values);
// Sum of the values that are not NaN.
double nanSum(const std::vector<double>& values);

// The measured side of a bench, run in a child process so no library state or cache carries
// over: openDataset(pathOrUrl), the first t2m field decoded, then stepCount more steps. Prints
// one JSON line: open_s, open_first_s, step_s, first_sum, last_sum.
int printDatasetTimings(const char* pathOrUrl, int stepCount);

struct ProcessRun {
    QJsonObject inside; // the JSON line the process printed (what it timed itself)
    double wallSeconds = 0.0;
};

// Runs a program to its end (10 minutes at most; qFatal on failure, with its stderr).
ProcessRun runProcess(const QString& program, const QStringList& arguments);

} // namespace twins::bench
