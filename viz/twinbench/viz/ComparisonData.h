#pragma once

#include <QString>

#include <stdexcept>
#include <vector>

namespace twins::viz {

class ComparisonDataError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// One curve of a validation comparison: a value per bin and its uncertainty per bin (the
// statistical error of a histogram bin, or the standard deviation of a profile bin; empty
// when there is none). NaN marks an empty bin.
struct ComparisonSeries {
    QString label;
    std::vector<double> values;
    std::vector<double> errors;
};

// `bins` equal bins from `low` to `high` (bins + 1 increasing edges).
std::vector<double> uniformBinEdges(double low, double high, int bins);

// Counts of `samples` per bin (a sample equal to the last edge goes into the last bin; NaN
// and out-of-range samples are not counted), with Poisson errors sqrt(n). With `normalise`
// the counts become a probability density (integral 1), errors scaled alike, so samples of
// different sizes compare. Throws ComparisonDataError for fewer than two or unsorted edges.
ComparisonSeries histogramSeries(const QString& label, const std::vector<double>& samples,
                                 const std::vector<double>& edges, bool normalise = false);

// Profile of y against x: the mean of y over the samples whose x falls in each bin, and its
// standard deviation (population, n in the denominator) as the error; NaN for empty bins.
// Throws ComparisonDataError when x and y differ in length or the edges are bad.
ComparisonSeries profileSeries(const QString& label, const std::vector<double>& x,
                               const std::vector<double>& y, const std::vector<double>& edges);

// generated / reference per bin; NaN where either is missing or the reference is 0.
std::vector<double> binRatios(const std::vector<double>& generated,
                              const std::vector<double>& reference);

} // namespace twins::viz
