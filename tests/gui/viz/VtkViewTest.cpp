// VtkView: pixels of a known image, interaction, resize, on-demand rendering, offscreen
// export at another size, several views in one window. Runs under Xvfb (llvmpipe).
#include "twinbench/viz/VtkView.h"

#include "GuiTestSupport.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QTest>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>

#include <memory>

using twins::viz::VtkView;

namespace {
const QColor red(255, 0, 0);
const QColor green(0, 255, 0);
const QColor blue(0, 0, 255);
const QColor yellow(255, 255, 0);
const QColor background(51, 51, 51); // 0.2 grey

// A 2x2 RGB image: row 0 (bottom) red, green; row 1 (top) blue, yellow. Cells span
// [-0.5, 1.5] in x and y.
void addQuadrantImage(VtkView& view) {
    vtkNew<vtkImageData> image;
    image->SetDimensions(2, 2, 1);
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    for (const QColor& colour : {red, green, blue, yellow}) {
        const unsigned char rgb[3] = {static_cast<unsigned char>(colour.red()),
                                      static_cast<unsigned char>(colour.green()),
                                      static_cast<unsigned char>(colour.blue())};
        colours->InsertNextTypedTuple(rgb);
    }
    image->GetPointData()->SetScalars(colours);
    vtkNew<vtkImageActor> actor;
    actor->SetInputData(image);
    actor->InterpolateOff();
    actor->GetMapper()->BorderOn(); // draw whole cells, not just centre to centre
    view.renderer()->AddActor(actor);
    view.renderer()->SetBackground(0.2, 0.2, 0.2);
    vtkCamera* camera = view.renderer()->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(0.5, 0.5, 0.0);
    camera->SetPosition(0.5, 0.5, 10.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(1.0); // the image's 2 units fill the height exactly
    view.renderer()->ResetCameraClippingRange();
}

bool waitForFrame(VtkView& view, int framesBefore) {
    view.update();
    return QTest::qWaitFor([&]() { return view.frameCount() > framesBefore; }, 5000);
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF position, Qt::MouseButton button,
               Qt::MouseButtons buttons) {
    QMouseEvent event(type, position, widget->mapToGlobal(position), button, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}
} // namespace

class VtkViewTest : public QObject {
    Q_OBJECT

    std::unique_ptr<VtkView> m_view;

private slots:
    void init() {
        m_view = std::make_unique<VtkView>();
        m_view->resize(400, 300);
        addQuadrantImage(*m_view);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(waitForFrame(*m_view, 0));
        QVERIFY2(m_view->graphicsError().isEmpty(), qPrintable(m_view->graphicsError()));
    }

    void cleanup() { m_view.reset(); }

    void rendersKnownImageWithExactColours() {
        const QImage frame = m_view->grabFramebuffer();
        const qreal ratio = m_view->devicePixelRatioF();
        if (qEnvironmentVariableIsSet("QT_SCALE_FACTOR")) {
            QCOMPARE(ratio, qEnvironmentVariable("QT_SCALE_FACTOR").toDouble());
        }
        QCOMPARE(frame.size(), QSize(400, 300) * ratio);
        QCOMPARE(m_view->renderWindow()->GetSize()[0], qRound(400 * ratio));
        // The 300 px square image is centred: x 50..350; each cell is 150 px.
        TB_VERIFY_COLOUR(frame, 125, 225, red, 2);   // bottom-left cell
        TB_VERIFY_COLOUR(frame, 275, 225, green, 2); // bottom-right
        TB_VERIFY_COLOUR(frame, 125, 75, blue, 2);   // top-left
        TB_VERIFY_COLOUR(frame, 275, 75, yellow, 2); // top-right
        TB_VERIFY_COLOUR(frame, 20, 150, background, 2);
        TB_VERIFY_COLOUR(frame, 380, 150, background, 2);
        QCOMPARE(frame.pixelColor(125, 225).alpha(), 255);
    }

    void mouseDragRotatesCamera() {
        vtkCamera* camera = m_view->renderer()->GetActiveCamera();
        double before[3];
        camera->GetPosition(before);
        const int frames = m_view->frameCount();
        sendMouse(m_view.get(), QEvent::MouseButtonPress, {200, 150}, Qt::LeftButton,
                  Qt::LeftButton);
        for (int step = 1; step <= 5; ++step) {
            sendMouse(m_view.get(), QEvent::MouseMove, {200.0 + 15 * step, 150}, Qt::NoButton,
                      Qt::LeftButton);
        }
        sendMouse(m_view.get(), QEvent::MouseButtonRelease, {275, 150}, Qt::LeftButton,
                  Qt::NoButton);
        double after[3];
        camera->GetPosition(after);
        const double moved =
            std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
        QVERIFY2(moved > 0.5, qPrintable(QString("camera moved %1").arg(moved)));
        // The interactor asked for a new frame; it was drawn.
        QVERIFY(QTest::qWaitFor([&]() { return m_view->frameCount() > frames; }, 5000));
    }

    void wheelZoomsIn() {
        vtkCamera* camera = m_view->renderer()->GetActiveCamera();
        const double scaleBefore = camera->GetParallelScale();
        QWheelEvent wheel({200, 150}, m_view->mapToGlobal(QPointF(200, 150)), {}, {0, 120},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view.get(), &wheel);
        QVERIFY2(camera->GetParallelScale() < scaleBefore, "wheel forward must zoom in");
    }

    void resizeFollowsWidget() {
        const int frames = m_view->frameCount();
        m_view->resize(500, 400);
        QVERIFY(waitForFrame(*m_view, frames));
        const QImage frame = m_view->grabFramebuffer();
        QCOMPARE(frame.size(), QSize(500, 400));
        QCOMPARE(m_view->renderWindow()->GetSize()[0], 500);
        QCOMPARE(m_view->renderWindow()->GetSize()[1], 400);
        // Square image now 400 px tall centred at x 50..450.
        TB_VERIFY_COLOUR(frame, 150, 300, red, 2);
        TB_VERIFY_COLOUR(frame, 350, 100, yellow, 2);
    }

    void rendersOnlyOnDemand() {
        QTest::qWait(200);
        const int frames = m_view->frameCount();
        QTest::qWait(600);
        QCOMPARE(m_view->frameCount(), frames);
    }

    void exportsAtAnySizeOffscreen() {
        const QImage image = m_view->renderToImage(QSize(1920, 1080));
        QVERIFY2(!image.isNull(), qPrintable(m_view->exportError()));
        QCOMPARE(image.size(), QSize(1920, 1080));
        // Same camera: the 2-unit image fills the 1080 px height, centred at x 420..1500.
        TB_VERIFY_COLOUR(image, 690, 810, red, 2);
        TB_VERIFY_COLOUR(image, 1230, 810, green, 2);
        TB_VERIFY_COLOUR(image, 690, 270, blue, 2);
        TB_VERIFY_COLOUR(image, 1230, 270, yellow, 2);
        TB_VERIFY_COLOUR(image, 100, 540, background, 2);
        TB_VERIFY_COLOUR(image, 1820, 540, background, 2);
        QCOMPARE(image.pixelColor(690, 810).alpha(), 255);
        // The widget itself is unchanged afterwards.
        const int frames = m_view->frameCount();
        QVERIFY(waitForFrame(*m_view, frames));
        const QImage frame = m_view->grabFramebuffer();
        QCOMPARE(frame.size(), QSize(400, 300) * m_view->devicePixelRatioF());
        TB_VERIFY_COLOUR(frame, 125, 225, red, 2);
        TB_VERIFY_COLOUR(frame, 275, 75, yellow, 2);
    }

    void severalViewsInOneWindow() {
        QWidget window;
        auto* layout = new QHBoxLayout(&window);
        auto* left = new VtkView(&window);
        auto* right = new VtkView(&window);
        left->renderer()->SetBackground(1.0, 0.0, 0.0);
        right->renderer()->SetBackground(0.0, 0.0, 1.0);
        layout->addWidget(left);
        layout->addWidget(right);
        window.resize(600, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(QTest::qWaitFor([&]() { return left->frameCount() > 0 && right->frameCount() > 0; },
                                5000));
        const QImage leftFrame = left->grabFramebuffer();
        const QImage rightFrame = right->grabFramebuffer();
        TB_VERIFY_COLOUR(leftFrame, leftFrame.width() / 2, leftFrame.height() / 2, red, 2);
        TB_VERIFY_COLOUR(rightFrame, rightFrame.width() / 2, rightFrame.height() / 2, blue, 2);
        const QImage whole = window.grab().toImage();
        TB_VERIFY_COLOUR(whole, 150, 150, red, 2);
        TB_VERIFY_COLOUR(whole, 450, 150, blue, 2);
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    VtkViewTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "VtkViewTest.moc"
