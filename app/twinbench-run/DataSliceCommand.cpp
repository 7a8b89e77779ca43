// `twinbench-run slice`: CF-decoded values of one variable with some dimensions fixed, as CSV
// or NumPy .npy, through the Dataset API (any backend).
#include "WorkerCommands.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NpyFile.h"
#include "twinbench/data/VariableSlice.h"
#include "twinbench/data/remote/RemoteOffline.h"
#include "twinbench/data/remote/RemoteReadLog.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace worker {

namespace {

constexpr const char* sliceUsage =
    "Usage: twinbench-run slice PATH VAR [--index DIM=I[,DIM=I...]] [--out FILE.csv|FILE.npy]\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "twinbench-run slice: %s\n%s", message.c_str(), sliceUsage);
    return 2;
}

// Parses "time=3,level=0" into the map; returns an error message, empty on success.
std::string parseIndices(const QString& text, std::map<std::string, std::size_t>& indices) {
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return "expected DIM=INDEX in --index, got '" + part.toStdString() + "'";
        }
        const QString name = part.left(equals).trimmed();
        bool ok = false;
        const qulonglong index = part.mid(equals + 1).trimmed().toULongLong(&ok);
        if (!ok) {
            return "index of '" + name.toStdString() + "' must be a non-negative integer, got '" +
                   part.mid(equals + 1).toStdString() + "'";
        }
        if (!indices.emplace(name.toStdString(), static_cast<std::size_t>(index)).second) {
            return "dimension '" + name.toStdString() + "' is given twice in --index";
        }
    }
    return {};
}

std::string number(double value) {
    if (std::isnan(value)) {
        return "nan";
    }
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// One row per value: the coordinate of each remaining dimension, then the value.
std::string csvText(const twins::data::VariableSlice& slice, const std::string& variableName) {
    std::ostringstream text;
    for (std::size_t axis = 0; axis < slice.dimensions.size(); ++axis) {
        text << slice.dimensions[axis] << (slice.axisIsIndex[axis] ? "_index" : "") << ",";
    }
    text << variableName << "\n";
    const std::size_t rank = slice.dimensions.size();
    std::vector<std::size_t> index(rank, 0);
    for (std::size_t flat = 0; flat < slice.values.size(); ++flat) {
        std::size_t rest = flat;
        for (std::size_t axis = rank; axis-- > 0;) {
            index[axis] = rest % slice.shape[axis];
            rest /= slice.shape[axis];
        }
        for (std::size_t axis = 0; axis < rank; ++axis) {
            text << number(slice.axes[axis][index[axis]]) << ",";
        }
        text << number(slice.values[flat]) << "\n";
    }
    return text.str();
}

// A slice of a URL written to a file: OUT.prov.json beside it says which remote bytes it was
// made from (RemoteReadLog.h). Returns the command's exit status.
int recordRemoteReads(const std::string& path, const QString& outPath) {
    if (!twins::data::remote::isRemoteUrl(path)) {
        return 0;
    }
    const QString provenancePath = outPath + QStringLiteral(".prov.json");
    std::ofstream stream(provenancePath.toStdString(), std::ios::trunc);
    stream << twins::data::remote::remoteReadProvenanceJson("twinbench-run slice",
                                                            outPath.toStdString());
    stream.close();
    if (!stream) {
        std::fprintf(stderr, "twinbench-run slice: %s: cannot write the provenance file\n",
                     qPrintable(provenancePath));
        return 1;
    }
    return 0;
}

} // namespace

int sliceCommand(const QStringList& arguments) {
    QStringList positional;
    QString indexText;
    QString outPath;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QLatin1String("--index") || argument == QLatin1String("--out")) {
            if (i + 1 >= arguments.size()) {
                return usageError(argument.toStdString() + " needs a value");
            }
            (argument == QLatin1String("--index") ? indexText : outPath) = arguments[++i];
        } else if (argument.startsWith(QLatin1String("--index="))) {
            indexText = argument.mid(8);
        } else if (argument.startsWith(QLatin1String("--out="))) {
            outPath = argument.mid(6);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError("unknown option '" + argument.toStdString() + "'");
        } else {
            positional.append(argument);
        }
    }
    if (positional.size() != 2) {
        return usageError("expected PATH and VAR, got " + std::to_string(positional.size()) +
                          " arguments");
    }
    std::map<std::string, std::size_t> indices;
    if (const std::string error = parseIndices(indexText, indices); !error.empty()) {
        return usageError(error);
    }
    const bool npy = outPath.endsWith(QLatin1String(".npy"), Qt::CaseInsensitive);
    if (!outPath.isEmpty() && !npy &&
        !outPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        return usageError("--out must end in .csv or .npy, got '" + outPath.toStdString() + "'");
    }
    const std::string path = positional[0].toStdString();
    const std::string variableName = positional[1].toStdString();
    try {
        const auto dataset = twins::data::openDataset(path);
        if (const std::string notice = twins::data::remote::offlineNotice(path); !notice.empty()) {
            std::fprintf(stderr, "twinbench-run slice: %s\n", notice.c_str());
        }
        const twins::data::DatasetVariable* variable = dataset->findVariable(variableName);
        if (variable == nullptr) {
            // Let Dataset::variable compose the message (unknown vs. ambiguous name).
            try {
                dataset->variable(variableName);
            } catch (const twins::data::DataError& error) {
                return usageError(error.what());
            }
        }
        const twins::data::VariableSlice slice =
            twins::data::readVariableSlice(*dataset, *variable, indices);
        if (slice.dimensions.empty()) {
            return usageError(path + ", variable '" + variableName +
                              "': no dimension remains; leave one or two unfixed");
        }
        if (npy) {
            twins::data::writeNpy(outPath.toStdString(), slice.shape, slice.values);
            return recordRemoteReads(path, outPath);
        }
        const std::string text = csvText(slice, variable->name);
        if (outPath.isEmpty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        }
        std::ofstream stream(outPath.toStdString(), std::ios::trunc);
        stream << text;
        stream.close();
        if (!stream) {
            std::fprintf(stderr, "twinbench-run slice: %s: cannot write the CSV file\n",
                         qPrintable(outPath));
            return 1;
        }
        return recordRemoteReads(path, outPath);
    } catch (const twins::data::SliceRequestError& error) {
        return usageError(error.what());
    } catch (const twins::data::DataError& error) {
        std::fprintf(stderr, "twinbench-run slice: %s\n", error.what());
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "twinbench-run slice: %s: %s\n", path.c_str(), error.what());
        return 1;
    }
    return 0;
}

} // namespace worker
