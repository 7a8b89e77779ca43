// MapProjection: PROJ round trips for every projection, visibility, antimeridian and limb
// splitting of polylines, outlines, graticule labels.
#include "twinbench/viz/MapProjection.h"

#include "twinbench/viz/MapGraticule.h"

#include <QTest>

#include <cmath>

using twins::viz::GeoPoint;
using twins::viz::MapPoint;
using twins::viz::MapProjection;
using twins::viz::ProjectionKind;

class MapProjectionTest : public QObject {
    Q_OBJECT

private slots:
    void roundTripsWithinMicroDegree_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : MapProjection::names()) {
            QTest::newRow(qPrintable(name)) << name;
        }
        QTest::newRow("orthographic-centred") << QStringLiteral("orthographic:10,45");
        QTest::newRow("robinson-pacific") << QStringLiteral("robinson:150");
    }

    void roundTripsWithinMicroDegree() {
        QFETCH(QString, name);
        const MapProjection projection = MapProjection::fromName(name);
        int checked = 0;
        for (int lat = -85; lat <= 85; lat += 5) {
            for (int lon = -175; lon <= 175; lon += 7) {
                const GeoPoint point{lon + 0.123, lat + 0.456};
                const auto projected = projection.forward(point);
                if (!projection.isVisible(point)) {
                    QVERIFY2(!projected, qPrintable(QStringLiteral("%1: invisible %2,%3 projected")
                                                        .arg(name)
                                                        .arg(point.lon)
                                                        .arg(point.lat)));
                    continue;
                }
                QVERIFY2(projected, qPrintable(QStringLiteral("%1: %2,%3 not projected")
                                                   .arg(name)
                                                   .arg(point.lon)
                                                   .arg(point.lat)));
                const auto back = projection.inverse(*projected);
                QVERIFY2(back, qPrintable(QStringLiteral("%1: no inverse for %2,%3")
                                              .arg(name)
                                              .arg(point.lon)
                                              .arg(point.lat)));
                const double lonError = std::abs(std::remainder(back->lon - point.lon, 360.0));
                QVERIFY2(lonError < 1e-6 && std::abs(back->lat - point.lat) < 1e-6,
                         qPrintable(QStringLiteral("%1: %2,%3 came back as %4,%5")
                                        .arg(name)
                                        .arg(point.lon, 0, 'g', 12)
                                        .arg(point.lat, 0, 'g', 12)
                                        .arg(back->lon, 0, 'g', 12)
                                        .arg(back->lat, 0, 'g', 12)));
                ++checked;
            }
        }
        QVERIFY2(checked > 200, qPrintable(QStringLiteral("only %1 points checked").arg(checked)));
    }

    void knownPlateCarreeCoordinates() {
        const MapProjection projection(ProjectionKind::PlateCarree);
        const auto point = projection.forward({90.0, 45.0});
        QVERIFY(point);
        const double metresPerDegree = MapProjection::earthRadius * M_PI / 180.0;
        QVERIFY(std::abs(point->x - 90.0 * metresPerDegree) < 1e-3);
        QVERIFY(std::abs(point->y - 45.0 * metresPerDegree) < 1e-3);
    }

    void orthographicHidesFarSide() {
        const MapProjection projection(ProjectionKind::Orthographic, 0.0, 0.0);
        QVERIFY(projection.forward({45.0, 10.0}));
        QVERIFY(!projection.forward({180.0, 0.0}));
        QVERIFY(!projection.forward({120.0, -30.0}));
        // Off the limb there is no inverse.
        QVERIFY(!projection.inverse({1.01 * MapProjection::earthRadius, 0.0}));
        const MapProjection north(ProjectionKind::NorthPolarStereographic);
        QVERIFY(north.forward({10.0, 60.0}));
        QVERIFY(!north.forward({10.0, -60.0}));
    }

    void robinsonHasNoInverseOutsideOutline() {
        const MapProjection projection(ProjectionKind::Robinson);
        const auto corner = projection.forward({179.0, 89.0});
        QVERIFY(corner);
        // Beyond the top-right corner of the Robinson outline.
        QVERIFY(!projection.inverse({corner->x * 1.02, corner->y * 1.02}));
    }

    void splitsPolylineAtAntimeridian() {
        const MapProjection projection(ProjectionKind::PlateCarree);
        // 170E -> 170W crosses the dateline, the short way round (20 degrees).
        const auto pieces = projection.projectPolyline({{170.0, 10.0}, {-170.0, 20.0}});
        QCOMPARE(pieces.size(), std::size_t(2));
        const double edge = MapProjection::earthRadius * M_PI;
        // The first piece ends on the right edge, the second starts on the left edge, at the
        // latitude halfway (15N).
        const MapPoint end = pieces[0].back();
        const MapPoint start = pieces[1].front();
        QVERIFY2(std::abs(end.x - edge) < 1.0, qPrintable(QString::number(end.x)));
        QVERIFY2(std::abs(start.x + edge) < 1.0, qPrintable(QString::number(start.x)));
        const double metresPerDegree = MapProjection::earthRadius * M_PI / 180.0;
        QVERIFY(std::abs(end.y - 15.0 * metresPerDegree) < 1.0);
        QVERIFY(std::abs(start.y - 15.0 * metresPerDegree) < 1.0);
        for (const auto& piece : pieces) {
            for (std::size_t i = 1; i < piece.size(); ++i) {
                QVERIFY(std::abs(piece[i].x - piece[i - 1].x) < 0.1 * edge);
            }
        }
        // A line that does not cross stays whole.
        QCOMPARE(projection.projectPolyline({{-10.0, 0.0}, {10.0, 0.0}}).size(), std::size_t(1));
        // With the map centred on the Pacific the same line does not cross the cut any more.
        const MapProjection pacific(ProjectionKind::Robinson, 180.0);
        QCOMPARE(pacific.projectPolyline({{170.0, 10.0}, {-170.0, 20.0}}).size(), std::size_t(1));
    }

    void splitsPolylineAtLimb() {
        const MapProjection projection(ProjectionKind::Orthographic, 0.0, 0.0);
        // Along the equator from 60W to 150E: visible up to 90E, then behind the globe.
        std::vector<GeoPoint> line;
        for (int lon = -60; lon <= 150; lon += 30) {
            line.push_back({double(lon), 0.0});
        }
        const auto pieces = projection.projectPolyline(line);
        QCOMPARE(pieces.size(), std::size_t(1));
        const MapPoint last = pieces[0].back();
        // It ends on the limb (x = R) within a metre.
        QVERIFY2(std::abs(last.x - MapProjection::earthRadius) < 1.0,
                 qPrintable(QString::number(last.x, 'f', 3)));
    }

    void outlinesAreClosed() {
        for (const QString& name : MapProjection::names()) {
            const auto outline = MapProjection::fromName(name).outline();
            QVERIFY2(outline.size() > 100, qPrintable(name));
            QCOMPARE(outline.front().x, outline.back().x);
            QCOMPARE(outline.front().y, outline.back().y);
        }
    }

    void rejectsUnknownNames() {
        QVERIFY_THROWS_EXCEPTION(twins::viz::ProjectionError, MapProjection::fromName("mercator"));
        QVERIFY_THROWS_EXCEPTION(twins::viz::ProjectionError,
                                 MapProjection::fromName("orthographic:abc"));
        try {
            MapProjection::fromName("mercator");
        } catch (const twins::viz::ProjectionError& error) {
            QVERIFY(QString::fromUtf8(error.what()).contains("robinson"));
        }
    }

    void graticuleLabels() {
        QCOMPARE(twins::viz::latitudeLabel(30.0), QStringLiteral("30\u00b0N"));
        QCOMPARE(twins::viz::latitudeLabel(-60.0), QStringLiteral("60\u00b0S"));
        QCOMPARE(twins::viz::longitudeLabel(-60.0), QStringLiteral("60\u00b0W"));
        QCOMPARE(twins::viz::longitudeLabel(300.0), QStringLiteral("60\u00b0W"));
        QCOMPARE(twins::viz::longitudeLabel(180.0), QStringLiteral("180\u00b0"));
        QCOMPARE(twins::viz::longitudeLabel(0.0), QStringLiteral("0\u00b0"));
        const auto graticule = twins::viz::buildGraticule(MapProjection(), 30.0);
        QStringList texts;
        for (const auto& label : graticule.labels) {
            texts << label.text;
        }
        for (const char* expected :
             {"30\u00b0N", "60\u00b0S", "0\u00b0", "120\u00b0E", "150\u00b0W"}) {
            QVERIFY2(texts.contains(QString::fromUtf8(expected)), qPrintable(texts.join(' ')));
        }
    }
};

QTEST_GUILESS_MAIN(MapProjectionTest)
#include "MapProjectionTest.moc"
