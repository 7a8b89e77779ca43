#pragma once

#include <QTreeWidget>

#include <memory>

namespace twins::data {
class NetcdfFile;
}

namespace twins::widgets {

// The Data dock's tree: one item per open file, its variables (dimensions, shape, type, units)
// and their attributes. Activating a variable asks for it to be shown.
class DataBrowser : public QTreeWidget {
    Q_OBJECT
public:
    explicit DataBrowser(QWidget* parent = nullptr);

    // Adds (or replaces, when the path is already listed) a file's entry.
    void addFile(const data::NetcdfFile& file);
    // Selects the variable's item without emitting variableActivated.
    void selectVariable(const QString& path, const QString& variable);
    QStringList filePaths() const;

signals:
    void variableActivated(const QString& path, const QString& variable);

private:
    QTreeWidgetItem* fileItem(const QString& path) const;
};

} // namespace twins::widgets
