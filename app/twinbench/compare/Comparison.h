#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace twins::data {
class Dataset;
}
namespace twins::viz {
class FieldView;
}

namespace twins::app {

class Workspace;
struct ComparisonSlices;

// A scenario comparison in the workspace (ComparisonFields.h): the first three cells show A,
// B and A-B, linked (time and camera move together). A and B share one colour range; A-B is
// drawn on a diverging palette (coolwarm) centred on 0 and, with ensemble members, hatched
// where the difference is within the members' pooled spread, the rule stated on the figure.
// Moving the time slider of any of the three cells recomputes all three at that step.
class Comparison : public QObject {
    Q_OBJECT
public:
    explicit Comparison(Workspace& workspace);
    ~Comparison() override;

    // Opens both files in the background and shows the comparison; a failure (different
    // grids, a missing variable, a file that does not open) is reported as an error whose
    // text names both shapes or the file, and emitted as failed().
    void start(const QString& pathA, const QString& pathB, const QString& variable);
    // The cells showing A, B and A-B (empty before the first comparison is shown).
    QList<viz::FieldView*> views() const;
    // Cells of the shown A-B hatched by the ensemble rule (0 without members).
    std::size_t hatchedCells() const { return m_hatchedCells; }

signals:
    void shown(); // A, B and A-B drawn (after each step too)
    void failed(const QString& message);

private:
    struct Outcome;
    void recompute(const std::map<std::string, std::size_t>& indices);
    void onComputed(const Outcome& outcome, int request);
    void showSlices(const ComparisonSlices& slices);

    Workspace& m_workspace;
    QString m_pathA;
    QString m_pathB;
    QString m_variable;
    std::shared_ptr<const data::Dataset> m_a;
    std::shared_ptr<const data::Dataset> m_b;
    QList<QPointer<viz::FieldView>> m_views; // A, B, A-B
    std::map<std::string, std::size_t> m_indices;
    int m_request = 0;
    std::size_t m_hatchedCells = 0;
    bool m_first = true; // the next slices open the comparison (cells, maps, links)
};

} // namespace twins::app
