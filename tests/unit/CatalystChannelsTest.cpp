// The Catalyst adaptor's snapshot -> VTK datasets (catalyst/SnapshotDatasets.h),
// against ParaView's VTK 9.2 from the unpacked prefix, without starting Catalyst: one grid
// channel per stream, image data for even axes and a rectilinear grid otherwise, descending
// axes flipped with their values, 3-D fields, fields on different axes in channels of their
// own, point sets placed on the grid's axes, scalars as field data, bad shapes refused.
#include "SnapshotDatasets.h"

#include <QTest>

#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkRectilinearGrid.h>

#include <stdexcept>
#include <vector>

using twins::insitu::catalyst::Channel;
using twins::insitu::catalyst::snapshotChannels;

namespace {

twinbench_catalyst_axis axis(const char* name, const char* standardName,
                             const std::vector<double>& values) {
    return {name, "", standardName, values.data(), values.size()};
}

} // namespace

class CatalystChannelsTest : public QObject {
    Q_OBJECT

private slots:
    void evenGridWithDescendingLatitudeAndPoints() {
        const std::vector<double> latitudes{20.0, 10.0, 0.0}; // north first, as in the twins
        const std::vector<double> longitudes{100.0, 102.5, 105.0, 107.5};
        const twinbench_catalyst_axis axes[2] = {axis("latitude", "latitude", latitudes),
                                                 axis("longitude", "longitude", longitudes)};
        // msl(lat, lon) = 10 * lat index + lon index: C order, north row first.
        std::vector<float> msl(12);
        for (std::size_t i = 0; i < 12; ++i) {
            msl[i] = float(10 * (i / 4) + i % 4);
        }
        const std::size_t onGrid[2] = {0, 1};
        const twinbench_catalyst_field fields[1] = {
            {"msl", "Pa", "", "", onGrid, 2, msl.data(), msl.size()}};
        const std::vector<double> lat{10.0, 20.0};
        const std::vector<double> lon{105.0, 100.0};
        const std::vector<double> wind{30.0, 45.0};
        const twinbench_catalyst_column columns[3] = {
            {"lat", "degrees_north", "latitude", lat.data()},
            {"lon", "degrees_east", "longitude", lon.data()},
            {"wind_ms", "m s-1", "", wind.data()}};
        const twinbench_catalyst_point_set sets[1] = {{"storms", columns, 3, 2}};
        const twinbench_catalyst_scalar scalars[1] = {{"storms_alive", "1", 2.0}};
        const twinbench_catalyst_snapshot snapshot{"drivers", 7, 42.0, "hours", "standard", axes, 2,
                                                   fields,    1, sets, 1,       scalars,    1};
        const std::vector<Channel> channels = snapshotChannels(snapshot);
        QCOMPARE(channels.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(channels[0].name), QString("drivers"));
        auto* image = vtkImageData::SafeDownCast(channels[0].data);
        QVERIFY(image != nullptr);
        int dimensions[3];
        image->GetDimensions(dimensions);
        QCOMPARE(dimensions[0], 4);
        QCOMPARE(dimensions[1], 3);
        QCOMPARE(dimensions[2], 1);
        QCOMPARE(image->GetOrigin()[0], 100.0);
        QCOMPARE(image->GetOrigin()[1], 0.0); // flipped: the southern row first
        QCOMPARE(image->GetSpacing()[0], 2.5);
        QCOMPARE(image->GetSpacing()[1], 10.0);
        vtkDataArray* values = image->GetPointData()->GetArray("msl");
        QVERIFY(values != nullptr);
        // VTK point (x=1, y=0) is lon 102.5, lat 0: the CF field's last row (index 2), column 1.
        QCOMPARE(values->GetTuple1(1), 21.0);
        QCOMPARE(values->GetTuple1(2 * 4 + 3), 3.0); // lat 20 (row 0), lon 107.5
        QCOMPARE(channels[0].wholeExtent[1], 3);
        QCOMPARE(channels[0].wholeExtent[3], 2);
        QCOMPARE(image->GetFieldData()->GetArray("storms_alive")->GetTuple1(0), 2.0);

        QCOMPARE(QString::fromStdString(channels[1].name), QString("storms"));
        auto* points = vtkPolyData::SafeDownCast(channels[1].data);
        QVERIFY(points != nullptr);
        QCOMPARE(points->GetNumberOfPoints(), vtkIdType(2));
        QCOMPARE(points->GetNumberOfVerts(), vtkIdType(2));
        double xyz[3];
        points->GetPoint(1, xyz);
        QCOMPARE(xyz[0], 100.0); // x from "lon", on the longitude axis
        QCOMPARE(xyz[1], 20.0);  // y from "lat"
        QCOMPARE(points->GetPointData()->GetArray("wind_ms")->GetTuple1(1), 45.0);
        QCOMPARE(points->GetFieldData()->GetArray("storms_alive")->GetTuple1(0), 2.0);
    }

    void unevenAxesMakeARectilinearGridAndAxisSetsSplit() {
        const std::vector<double> depth{0.0, 1.0, 3.0}; // uneven
        const std::vector<double> y{0.0, 1.0};
        const std::vector<double> x{0.0, 1.0};
        const std::vector<double> time{5.0, 6.0, 7.0};
        const twinbench_catalyst_axis axes[4] = {axis("depth", "", depth), axis("y", "", y),
                                                 axis("x", "", x), axis("lag", "", time)};
        std::vector<float> volume(12);
        for (std::size_t i = 0; i < 12; ++i) {
            volume[i] = float(i);
        }
        const std::vector<float> series{1.0f, 2.0f, 3.0f};
        const std::size_t onVolume[3] = {0, 1, 2};
        const std::size_t onLag[1] = {3};
        const twinbench_catalyst_field fields[2] = {
            {"energy", "MeV", "", "", onVolume, 3, volume.data(), volume.size()},
            {"loss", "1", "", "", onLag, 1, series.data(), series.size()}};
        const twinbench_catalyst_snapshot snapshot{"shower", 0, 0.0,     "1", "",      axes, 4,
                                                   fields,   2, nullptr, 0,   nullptr, 0};
        const std::vector<Channel> channels = snapshotChannels(snapshot);
        QCOMPARE(channels.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(channels[0].name), QString("shower_depth_y_x"));
        QCOMPARE(QString::fromStdString(channels[1].name), QString("shower_lag"));
        auto* grid = vtkRectilinearGrid::SafeDownCast(channels[0].data);
        QVERIFY(grid != nullptr);
        int dimensions[3];
        grid->GetDimensions(dimensions);
        QCOMPARE(dimensions[0], 2);
        QCOMPARE(dimensions[2], 3);
        QCOMPARE(grid->GetZCoordinates()->GetTuple1(2), 3.0);
        // C order (depth, y, x) is VTK's x-fastest order: value i at point i.
        QCOMPARE(grid->GetPointData()->GetArray("energy")->GetTuple1(11), 11.0);
        QVERIFY(vtkImageData::SafeDownCast(channels[1].data) != nullptr);
    }

    void badShapesAreRefused() {
        const std::vector<double> x{0.0, 1.0, 0.5}; // not monotonic
        const twinbench_catalyst_axis axes[1] = {axis("x", "", x)};
        const std::vector<float> values{1.0f, 2.0f, 3.0f};
        const std::size_t onX[1] = {0};
        twinbench_catalyst_field field{"f", "", "", "", onX, 1, values.data(), 3};
        twinbench_catalyst_snapshot snapshot{"s",    0, 0.0,     "1", "",      axes, 1,
                                             &field, 1, nullptr, 0,   nullptr, 0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, snapshotChannels(snapshot));
        const std::vector<double> even{0.0, 1.0, 2.0};
        const twinbench_catalyst_axis evenAxes[1] = {axis("x", "", even)};
        snapshot.axes = evenAxes;
        field.size = 2; // two values for three points
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, snapshotChannels(snapshot));
    }
};

QTEST_GUILESS_MAIN(CatalystChannelsTest)
#include "CatalystChannelsTest.moc"
