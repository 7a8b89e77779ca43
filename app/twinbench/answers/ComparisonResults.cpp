// histogram and line_chart result files (CSV) converted into the comparison answer
// convention: two series on shared bins, drawn by the comparison page.
#include "answers/ComparisonAnswer.h"
#include "answers/ResultColumns.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

namespace {

[[noreturn]] void refuse(const ResultCsv& table, const QString& expected) {
    throw ResultAnswerError(QStringLiteral("%1: %2").arg(table.fileName(), expected).toStdString());
}

// The rows of the first value of the facet column (a file may hold one chart per facet, e.g.
// one per energy bin); all rows without a facet. `facetNote` says which facet is shown.
QList<qsizetype> facetRows(const sdk::ResultSpec& spec, const ResultCsv& table,
                           QString& facetNote) {
    QList<qsizetype> rows;
    const QString facetName = spec.options.value(QStringLiteral("facet")).toString();
    if (facetName.isEmpty()) {
        for (qsizetype row = 0; row < table.rowCount(); ++row) {
            rows.append(row);
        }
        return rows;
    }
    const int facet = table.column(facetName, optionPurpose(QStringLiteral("facet")));
    QStringList facets;
    for (qsizetype row = 0; row < table.rowCount(); ++row) {
        const QString value = table.text(row, facet);
        if (!facets.contains(value)) {
            facets.append(value);
        }
        if (value == facets.first()) {
            rows.append(row);
        }
    }
    if (!facets.isEmpty()) {
        facetNote = facets.size() == 1 ? QStringLiteral("%1 %2").arg(facetName, facets.first())
                                       : QStringLiteral("%1 %2, the first of %3")
                                             .arg(facetName, facets.first())
                                             .arg(facets.size());
    }
    return rows;
}

QJsonObject header(const sdk::ResultSpec& spec, const ResultCsv& table, const QString& facetNote) {
    QJsonObject answer{{"title", spec.title.isEmpty() ? table.fileName() : spec.title}};
    if (!facetNote.isEmpty()) {
        answer.insert(QStringLiteral("conditions"), QJsonObject{{"shown", facetNote}});
    }
    return answer;
}

// A pair of series columns of a line chart: the spec's two `series`; or, with `ratio_to`
// (e.g. "reference"), the first column starting with it and the column with the same suffix
// after another prefix ("reference_10-50GeV" with "candidate_10-50GeV"); or the only two
// numeric columns besides x.
std::pair<int, int> seriesColumns(const sdk::ResultSpec& spec, const ResultCsv& table, int x) {
    const QJsonArray series = spec.options.value(QStringLiteral("series")).toArray();
    if (!series.isEmpty()) {
        if (series.size() != 2) {
            QStringList names;
            for (const QJsonValue& name : series) {
                names << name.toString();
            }
            refuse(table, QStringLiteral("the chart compares two series; the result spec names "
                                         "%1 (%2)")
                              .arg(series.size())
                              .arg(names.join(QStringLiteral(", "))));
        }
        return {table.column(series.at(0).toString(), optionPurpose(QStringLiteral("series"))),
                table.column(series.at(1).toString(), optionPurpose(QStringLiteral("series")))};
    }
    const QString ratioTo = spec.options.value(QStringLiteral("ratio_to")).toString();
    if (!ratioTo.isEmpty()) {
        for (int column = 0; column < table.columns().size(); ++column) {
            const QString name = table.columns().at(column);
            if (column == x || !name.startsWith(ratioTo)) {
                continue;
            }
            const QString suffix = name.mid(ratioTo.size());
            for (int other = 0; other < table.columns().size(); ++other) {
                const QString otherName = table.columns().at(other);
                if (other != column && other != x && !suffix.isEmpty() &&
                    otherName.endsWith(suffix) && !otherName.startsWith(ratioTo)) {
                    return {column, other};
                }
            }
        }
        refuse(table, QStringLiteral("expected a column starting with '%1' (options.ratio_to) "
                                     "and a column with the same suffix to compare it with; "
                                     "its columns are: %2")
                          .arg(ratioTo, table.columns().join(QStringLiteral(", "))));
    }
    QList<int> others;
    for (int column = 0; column < table.columns().size(); ++column) {
        if (column != x) {
            others.append(column);
        }
    }
    if (others.size() != 2) {
        refuse(table, QStringLiteral("the chart compares two series; without options.series or "
                                     "options.ratio_to the file must have exactly two columns "
                                     "besides '%1', it has %2")
                          .arg(table.columns().value(x))
                          .arg(others.size()));
    }
    return {others.at(0), others.at(1)};
}

} // namespace

ResultAnswer lineChartAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const int x =
        table.column(spec.options.value(QStringLiteral("x")).toString(QStringLiteral("x")),
                     optionPurpose(QStringLiteral("x")));
    const auto [reference, generated] = seriesColumns(spec, table, x);
    QString facetNote;
    const QList<qsizetype> rows = facetRows(spec, table, facetNote);
    if (rows.size() < 2) {
        refuse(table,
               QStringLiteral("a line chart needs at least two rows, got %1").arg(rows.size()));
    }
    std::vector<double> xs;
    std::vector<double> referenceValues;
    std::vector<double> generatedValues;
    for (qsizetype row : rows) {
        xs.push_back(table.number(row, x));
        referenceValues.push_back(table.number(row, reference));
        generatedValues.push_back(table.number(row, generated));
    }
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(xs[i]) || (i > 0 && xs[i] <= xs[i - 1])) {
            refuse(table, QStringLiteral("column '%1' must hold increasing numbers (the x axis)")
                              .arg(table.columns().at(x)));
        }
    }
    // Each x is the centre of its bin: edges half way between neighbours.
    std::vector<double> edges;
    edges.push_back(xs.front() - (xs[1] - xs[0]) / 2);
    for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
        edges.push_back((xs[i] + xs[i + 1]) / 2);
    }
    edges.push_back(xs.back() + (xs.back() - xs[xs.size() - 2]) / 2);

    QJsonObject referenceSeries{{"label", table.columns().at(reference)},
                                {"values", jsonNumbers(referenceValues)}};
    QJsonObject generatedSeries{{"label", table.columns().at(generated)},
                                {"values", jsonNumbers(generatedValues)}};
    // Bands [low, high] per series become a symmetric error of half their width.
    const QJsonArray bands = spec.options.value(QStringLiteral("bands")).toArray();
    for (int index = 0; index < std::min<qsizetype>(bands.size(), 2); ++index) {
        const QJsonArray band = bands.at(index).toArray();
        if (band.size() != 2) {
            continue;
        }
        const int low = table.column(band.at(0).toString(), optionPurpose(QStringLiteral("bands")));
        const int high =
            table.column(band.at(1).toString(), optionPurpose(QStringLiteral("bands")));
        std::vector<double> errors;
        for (qsizetype row : rows) {
            errors.push_back(std::abs(table.number(row, high) - table.number(row, low)) / 2);
        }
        (index == 0 ? referenceSeries : generatedSeries)
            .insert(QStringLiteral("errors"), jsonNumbers(errors));
    }
    QJsonObject answer = header(spec, table, facetNote);
    answer.insert(QStringLiteral("x"),
                  QJsonObject{{"name", spec.options.value(QStringLiteral("x_label"))
                                           .toString(table.columns().at(x))}});
    answer.insert(
        QStringLiteral("y"),
        QJsonObject{
            {"name", spec.options.value(QStringLiteral("y_label"))
                         .toString(QStringLiteral("value"))}, // in the spec's units
            {"units", spec.options.contains(QStringLiteral("y_label")) ? QString() : spec.units}});
    answer.insert(QStringLiteral("bin_edges"), jsonNumbers(edges));
    answer.insert(QStringLiteral("reference"), referenceSeries);
    answer.insert(QStringLiteral("generated"), generatedSeries);
    answer.insert(QStringLiteral("log_y"),
                  spec.options.value(QStringLiteral("log_y")).toBool(false));
    return {QStringLiteral("line_chart"), answer, {}};
}

ResultAnswer histogramAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const QString valueName =
        spec.options.value(QStringLiteral("value")).toString(QStringLiteral("value"));
    const int value = table.column(valueName, optionPurpose(QStringLiteral("value")));
    const QString groupName = spec.options.value(QStringLiteral("group")).toString();
    if (groupName.isEmpty()) {
        refuse(table, QStringLiteral("a histogram compares two samples: the result spec needs "
                                     "options.group naming the column that tells them apart"));
    }
    const int group = table.column(groupName, optionPurpose(QStringLiteral("group")));
    QString facetNote;
    const QList<qsizetype> rows = facetRows(spec, table, facetNote);
    QStringList groups;
    std::vector<std::vector<double>> samples;
    for (qsizetype row : rows) {
        const double x = table.number(row, value);
        if (!std::isfinite(x)) {
            continue;
        }
        const QString name = table.text(row, group);
        qsizetype index = groups.indexOf(name);
        if (index < 0) {
            groups.append(name);
            samples.emplace_back();
            index = groups.size() - 1;
        }
        samples[static_cast<std::size_t>(index)].push_back(x);
    }
    if (groups.size() != 2) {
        refuse(table, QStringLiteral("a histogram compares two samples; column '%1' has %2 (%3)")
                          .arg(groupName)
                          .arg(groups.size())
                          .arg(groups.join(QStringLiteral(", "))));
    }
    // The reference is the group named so, else the first in the file.
    const std::size_t referenceIndex = groups.indexOf(QStringLiteral("reference")) == 1 ? 1 : 0;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const auto& sample : samples) {
        for (double x : sample) {
            low = std::min(low, x);
            high = std::max(high, x);
        }
    }
    if (!(high > low)) {
        high = low + 1.0; // one distinct value: one visible bin
    }
    const int bins = std::clamp(spec.options.value(QStringLiteral("bins")).toInt(40), 1, 1000);
    std::vector<double> edges;
    for (int edge = 0; edge <= bins; ++edge) {
        edges.push_back(low + (high - low) * edge / bins);
    }
    // Fractions of each sample per bin (samples of different sizes compare by shape), with
    // the Poisson error of the count.
    auto histogram = [&](const std::vector<double>& sample) {
        std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
        for (double x : sample) {
            const int bin = std::min(bins - 1, static_cast<int>((x - low) / (high - low) * bins));
            counts[static_cast<std::size_t>(bin)] += 1.0;
        }
        std::vector<double> fractions;
        std::vector<double> errors;
        const double total = static_cast<double>(sample.size());
        for (double count : counts) {
            fractions.push_back(count / total);
            errors.push_back(std::sqrt(count) / total);
        }
        return std::pair{fractions, errors};
    };
    const auto [referenceValues, referenceErrors] = histogram(samples[referenceIndex]);
    const auto [generatedValues, generatedErrors] = histogram(samples[1 - referenceIndex]);
    QJsonObject answer = header(spec, table, facetNote);
    answer.insert(QStringLiteral("x"), QJsonObject{{"name", valueName}, {"units", spec.units}});
    answer.insert(QStringLiteral("y"), QJsonObject{{"name", "fraction of the sample"}});
    answer.insert(QStringLiteral("bin_edges"), jsonNumbers(edges));
    answer.insert(QStringLiteral("reference"),
                  QJsonObject{{"label", QStringLiteral("%1 (%2)")
                                            .arg(groups.at(static_cast<qsizetype>(referenceIndex)))
                                            .arg(samples[referenceIndex].size())},
                              {"values", jsonNumbers(referenceValues)},
                              {"errors", jsonNumbers(referenceErrors)}});
    answer.insert(
        QStringLiteral("generated"),
        QJsonObject{{"label", QStringLiteral("%1 (%2)")
                                  .arg(groups.at(static_cast<qsizetype>(1 - referenceIndex)))
                                  .arg(samples[1 - referenceIndex].size())},
                    {"values", jsonNumbers(generatedValues)},
                    {"errors", jsonNumbers(generatedErrors)}});
    return {QStringLiteral("histogram"), answer, {}};
}

} // namespace twins::app
