#pragma once

#include <QStringList>
#include <QWidget>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

class QLabel;
class QSlider;
class QToolButton;

namespace twins::widgets {

// A dimension of the shown variable beyond the two drawn as a map (time, level, band, member).
struct SliceDimension {
    QString name;
    std::size_t length = 0;
    // Empty, or one text per index: the decoded date for a CF time coordinate
    // ("2017-09-06 12:00 (noleap)"), the coordinate value with units otherwise.
    QStringList labels;

    // "time 2017-09-06 12:00 (noleap)" or, without labels, "time 3".
    QString describe(std::size_t index) const;
};

// One slider per extra dimension, each with step buttons and a label showing the index and
// what it means. Moving a slider emits indicesChanged with every dimension's index; the owner
// re-reads the slice. Hidden when there is no extra dimension.
class TimeSlider : public QWidget {
    Q_OBJECT
public:
    explicit TimeSlider(QWidget* parent = nullptr);

    // Replaces the sliders; indices missing from `indices` start at 0. Emits nothing.
    void setDimensions(const std::vector<SliceDimension>& dimensions,
                       const std::map<std::string, std::size_t>& indices = {});
    const std::vector<SliceDimension>& dimensions() const { return m_dimensions; }
    std::map<std::string, std::size_t> indices() const;
    // Moves one dimension's slider (clamped to its range) as a user would, emitting
    // indicesChanged when the index changes. False for an unknown dimension.
    bool setIndex(const QString& dimension, std::size_t index);
    // Steps by +-1 (clamped); emits like setIndex.
    bool step(const QString& dimension, int delta);
    // The label text currently shown for a dimension ("" for an unknown one).
    QString labelText(const QString& dimension) const;
    // "time 2017-09-06 12:00 (noleap), level 850 hPa" for the current indices.
    QString describeIndices() const;

signals:
    void indicesChanged(const std::map<std::string, std::size_t>& indices);

private:
    struct Row {
        QSlider* slider = nullptr;
        QLabel* label = nullptr;
        QToolButton* previous = nullptr;
        QToolButton* next = nullptr;
    };
    int rowOf(const QString& dimension) const;
    void updateLabel(int row);

    std::vector<SliceDimension> m_dimensions;
    std::vector<Row> m_rows;
    QWidget* m_rowsWidget = nullptr;
};

} // namespace twins::widgets
