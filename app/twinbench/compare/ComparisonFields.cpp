#include "compare/ComparisonFields.h"

#include "support/FileLoading.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/viz/Ensemble.h"

#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace twins::app {

namespace {

const data::DatasetVariable& variableOf(const data::Dataset& dataset, const std::string& name,
                                        const char* which) {
    const data::DatasetVariable* variable = dataset.findVariable(name);
    if (variable == nullptr) {
        throw ComparisonError(QStringLiteral("%1: %2 has no variable '%3'")
                                  .arg(QString::fromLatin1(which),
                                       QString::fromStdString(dataset.path()),
                                       QString::fromStdString(name))
                                  .toStdString());
    }
    return *variable;
}

// "a.nc field is 8 x 8 (y, x)": the variable's shape in words.
QString shapeOf(const data::Dataset& dataset, const data::DatasetVariable& variable) {
    QStringList lengths;
    QStringList names;
    for (std::size_t i = 0; i < variable.rank(); ++i) {
        lengths << QString::number(variable.shape[i]);
        names << QString::fromStdString(variable.dimensions[i]);
    }
    return QStringLiteral("%1 %2 is %3 (%4)")
        .arg(QFileInfo(QString::fromStdString(dataset.path())).fileName(),
             QString::fromStdString(variable.name), lengths.join(QStringLiteral(" × ")),
             names.join(QStringLiteral(", ")));
}

std::string memberDimensionOf(const data::DatasetVariable& variable) {
    for (std::size_t i = 0; i + 2 < variable.rank(); ++i) {
        if (viz::isEnsembleDimensionName(variable.dimensions[i])) {
            return variable.dimensions[i];
        }
    }
    return {};
}

bool sameGrid(const data::FieldSlice& a, const data::FieldSlice& b) {
    auto close = [](const std::vector<double>& p, const std::vector<double>& q) {
        if (p.size() != q.size()) {
            return false;
        }
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (std::abs(p[i] - q[i]) > 1e-6 * std::max(1.0, std::abs(p[i]))) {
                return false;
            }
        }
        return true;
    };
    return close(a.x, b.x) && close(a.y, b.y);
}

// Minimum, maximum and count of the finite values, as readFieldSlice leaves them.
void describeValues(data::FieldSlice& field) {
    field.finiteCount = 0;
    double low = 0.0, high = 0.0;
    for (float value : field.values) {
        if (std::isfinite(value)) {
            low = field.finiteCount == 0 ? value : std::min<double>(low, value);
            high = field.finiteCount == 0 ? value : std::max<double>(high, value);
            ++field.finiteCount;
        }
    }
    field.minimum = low;
    field.maximum = high;
}

} // namespace

QString hatchingRule() {
    return QStringLiteral("hatched: |mean(A) − mean(B)| < pooled SD of the members");
}

ComparisonSlices compareFields(const data::Dataset& a, const data::Dataset& b,
                               const std::string& variable,
                               const std::map<std::string, std::size_t>& indices,
                               bool describeDimensions) {
    const data::DatasetVariable& va = variableOf(a, variable, "A");
    const data::DatasetVariable& vb = variableOf(b, variable, "B");
    const QString shapes = QStringLiteral("A: %1; B: %2").arg(shapeOf(a, va), shapeOf(b, vb));
    if (va.shape != vb.shape) {
        throw ComparisonError(QStringLiteral("not the same grid: %1").arg(shapes).toStdString());
    }
    ComparisonSlices slices;
    const std::string memberA = memberDimensionOf(va);
    const std::string memberB = memberDimensionOf(vb);
    std::vector<float> pooled;
    if (!memberA.empty() && !memberB.empty()) {
        const viz::EnsembleField ea = viz::readEnsemble(a, variable, indices);
        const viz::EnsembleField eb = viz::readEnsemble(b, variable, indices);
        slices.a = viz::ensembleMean(ea);
        slices.b = viz::ensembleMean(eb);
        slices.membersA = static_cast<int>(ea.members.size());
        slices.membersB = static_cast<int>(eb.members.size());
        const data::FieldSlice sa = viz::ensembleSpread(ea);
        const data::FieldSlice sb = viz::ensembleSpread(eb);
        const double na = slices.membersA, nb = slices.membersB;
        pooled.resize(sa.values.size());
        for (std::size_t i = 0; i < pooled.size(); ++i) {
            pooled[i] = static_cast<float>(std::sqrt(
                ((na - 1) * sa.values[i] * sa.values[i] + (nb - 1) * sb.values[i] * sb.values[i]) /
                (na + nb - 2)));
        }
    } else {
        slices.a = data::readFieldSlice(a, va, indices);
        slices.b = data::readFieldSlice(b, vb, indices);
    }
    if (!sameGrid(slices.a, slices.b)) {
        throw ComparisonError(QStringLiteral("not the same grid (the coordinates differ): %1")
                                  .arg(shapes)
                                  .toStdString());
    }
    // A and B on one colour range, so equal colours mean equal values.
    const double low = std::min(slices.a.minimum, slices.b.minimum);
    const double high = std::max(slices.a.maximum, slices.b.maximum);
    slices.a.minimum = slices.b.minimum = low;
    slices.a.maximum = slices.b.maximum = high;

    data::FieldSlice& d = slices.difference;
    d = slices.a;
    d.variable = variable + "_difference";
    d.longName = "A − B: " + (slices.a.longName.empty() ? variable : slices.a.longName);
    for (std::size_t i = 0; i < d.values.size(); ++i) {
        d.values[i] = slices.a.values[i] - slices.b.values[i];
    }
    describeValues(d);
    // Centred on 0: the diverging palette's middle is "no difference".
    const double extent = std::max({std::abs(d.minimum), std::abs(d.maximum), 1e-12});
    d.minimum = -extent;
    d.maximum = extent;
    if (!pooled.empty()) {
        viz::RobustnessMap hatching;
        hatching.width = d.width;
        hatching.height = d.height;
        hatching.members = slices.membersA + slices.membersB;
        hatching.units = d.units;
        hatching.classes.resize(d.values.size(), viz::Robustness::Missing);
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            if (std::isfinite(d.values[i]) && std::isfinite(pooled[i])) {
                const bool small = std::abs(d.values[i]) < pooled[i];
                hatching.classes[i] =
                    small ? viz::Robustness::NoRobustSignal : viz::Robustness::Robust;
                slices.hatchedCells += small ? 1 : 0;
            }
        }
        // The legend states this rule, not the IPCC classes the hatching was made for.
        hatching.legend = {
            QStringLiteral("Hatched where"), QStringLiteral("|mean(A) − mean(B)|"),
            QStringLiteral("< pooled SD of"),
            QStringLiteral("%1 + %2 members").arg(slices.membersA).arg(slices.membersB)};
        slices.hatching = std::move(hatching);
    }
    if (describeDimensions) {
        for (const widgets::SliceDimension& dimension : describeSliceDimensions(a, va)) {
            if (dimension.name.toStdString() != memberA) {
                slices.dimensions.push_back(dimension);
            }
        }
    }
    return slices;
}

} // namespace twins::app
