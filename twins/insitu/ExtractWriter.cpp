#include "twinbench/insitu/ExtractWriter.h"

#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/sdk/SdkError.h"

#include <QString>

#include <limits>
#include <map>

namespace twins::insitu {

namespace {

using twins::data::NetcdfWriter;

QString where(const Snapshot& snapshot) {
    return QStringLiteral("in-situ snapshot %1 step %2")
        .arg(QString::fromStdString(snapshot.stream))
        .arg(snapshot.step);
}

[[noreturn]] void refuse(const Snapshot& snapshot, const QString& reason) {
    throw sdk::SdkError(where(snapshot), reason);
}

void setTextIfAny(NetcdfWriter& file, const std::string& variable, const char* name,
                  const std::string& value) {
    if (!value.empty()) {
        file.setTextAttribute(variable, name, value);
    }
}

// Checks the shapes before anything is written; returns each axis's length by name.
std::map<std::string, std::size_t> checkShapes(const Snapshot& snapshot) {
    if (snapshot.stream.empty()) {
        refuse(snapshot, QStringLiteral("has no stream name"));
    }
    std::map<std::string, std::size_t> lengths;
    for (const Axis& axis : snapshot.axes) {
        if (axis.values.empty() || !lengths.emplace(axis.name, axis.values.size()).second) {
            refuse(snapshot, QStringLiteral("axis '%1' is empty or declared twice")
                                 .arg(QString::fromStdString(axis.name)));
        }
    }
    for (const GridField& field : snapshot.fields) {
        if (field.axes.size() < 2 || field.axes.size() > 3) {
            refuse(snapshot, QStringLiteral("field '%1' has %2 axes; a field is 2-D or 3-D")
                                 .arg(QString::fromStdString(field.name))
                                 .arg(field.axes.size()));
        }
        std::size_t size = 1;
        for (const std::string& axis : field.axes) {
            const auto found = lengths.find(axis);
            if (found == lengths.end()) {
                refuse(snapshot,
                       QStringLiteral("field '%1' names axis '%2', which the snapshot "
                                      "does not have")
                           .arg(QString::fromStdString(field.name), QString::fromStdString(axis)));
            }
            size *= found->second;
        }
        if (field.values.size() != size) {
            refuse(snapshot, QStringLiteral("field '%1' has %2 values; its axes make %3")
                                 .arg(QString::fromStdString(field.name))
                                 .arg(field.values.size())
                                 .arg(size));
        }
    }
    for (const PointSet& points : snapshot.pointSets) {
        if (points.columns.empty()) {
            refuse(snapshot, QStringLiteral("point set '%1' has no columns")
                                 .arg(QString::fromStdString(points.name)));
        }
        for (const PointColumn& column : points.columns) {
            if (column.values.size() != points.columns.front().values.size()) {
                refuse(snapshot, QStringLiteral("point set '%1': column '%2' has %3 values, "
                                                "column '%4' %5")
                                     .arg(QString::fromStdString(points.name),
                                          QString::fromStdString(column.name))
                                     .arg(column.values.size())
                                     .arg(QString::fromStdString(points.columns.front().name))
                                     .arg(points.columns.front().values.size()));
            }
        }
    }
    return lengths;
}

} // namespace

void writeExtract(const Snapshot& snapshot, const std::string& path, const std::string& runId) {
    checkShapes(snapshot);
    NetcdfWriter file(path);
    file.setConventions();
    file.setProvenance(runId);
    file.addHistory("in-situ extract of stream " + snapshot.stream + ", step " +
                    std::to_string(snapshot.step));
    file.setGlobalTextAttribute("twinbench_insitu_stream", snapshot.stream);
    file.setGlobalTextAttribute("twinbench_insitu_step", std::to_string(snapshot.step));

    file.addDimension("time", 1);
    file.addVariable("time", NetcdfWriter::Type::Double, {"time"});
    file.setTextAttribute("time", "standard_name", "time");
    setTextIfAny(file, "time", "units", snapshot.timeUnits);
    setTextIfAny(file, "time", "calendar", snapshot.calendar);
    for (const Axis& axis : snapshot.axes) {
        file.addDimension(axis.name, axis.values.size());
        file.addVariable(axis.name, NetcdfWriter::Type::Double, {axis.name});
        setTextIfAny(file, axis.name, "units", axis.units);
        setTextIfAny(file, axis.name, "standard_name", axis.standardName);
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const GridField& field : snapshot.fields) {
        std::vector<std::string> dimensions{"time"};
        dimensions.insert(dimensions.end(), field.axes.begin(), field.axes.end());
        // Deflate level 1: most of the size for a fraction of level 4's time, since a run waits
        // for its extracts.
        file.addVariable(field.name, NetcdfWriter::Type::Float, dimensions, 1);
        file.setNumberAttribute(field.name, "_FillValue", NetcdfWriter::Type::Float, {nan});
        setTextIfAny(file, field.name, "units", field.units);
        setTextIfAny(file, field.name, "long_name", field.longName);
        setTextIfAny(file, field.name, "standard_name", field.standardName);
    }
    for (const PointSet& points : snapshot.pointSets) {
        // Length 0 would make the dimension unlimited (NetcdfWriter); an empty set is fine so.
        file.addDimension(points.name, points.columns.front().values.size());
        for (const PointColumn& column : points.columns) {
            const std::string name = points.name + "_" + column.name;
            file.addVariable(name, NetcdfWriter::Type::Double, {points.name});
            setTextIfAny(file, name, "units", column.units);
            setTextIfAny(file, name, "standard_name", column.standardName);
        }
    }
    for (const Scalar& scalar : snapshot.scalars) {
        file.addVariable(scalar.name, NetcdfWriter::Type::Double, {"time"});
        setTextIfAny(file, scalar.name, "units", scalar.units);
    }

    file.write("time", {0}, {1}, &snapshot.time);
    for (const Axis& axis : snapshot.axes) {
        file.write(axis.name, {0}, {axis.values.size()}, axis.values.data());
    }
    for (const GridField& field : snapshot.fields) {
        std::vector<std::size_t> start{0};
        std::vector<std::size_t> count{1};
        for (const std::string& axisName : field.axes) {
            for (const Axis& axis : snapshot.axes) {
                if (axis.name == axisName) {
                    start.push_back(0);
                    count.push_back(axis.values.size());
                }
            }
        }
        file.write(field.name, start, count, field.values.data());
    }
    for (const PointSet& points : snapshot.pointSets) {
        for (const PointColumn& column : points.columns) {
            if (!column.values.empty()) {
                file.write(points.name + "_" + column.name, {0}, {column.values.size()},
                           column.values.data());
            }
        }
    }
    for (const Scalar& scalar : snapshot.scalars) {
        file.write(scalar.name, {0}, {1}, &scalar.value);
    }
    file.commit();
}

} // namespace twins::insitu
