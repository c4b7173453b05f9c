//! Points and rectangles, and where a line from a rectangle's centre crosses its border.

/// A point, in SVG user units (x to the right, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge of the drawing.
    pub x: f64,
    /// Distance from the top edge of the drawing.
    pub y: f64,
}

impl Point {
    /// The point at `(x, y)`.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned rectangle: its top-left corner and its size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// The left edge.
    pub x: f64,
    /// The top edge.
    pub y: f64,
    /// The width.
    pub width: f64,
    /// The height.
    pub height: f64,
}

impl Rect {
    /// The rectangle of a given size centred on `center`.
    pub fn centered(center: Point, width: f64, height: f64) -> Rect {
        Rect {
            x: center.x - width / 2.0,
            y: center.y - height / 2.0,
            width,
            height,
        }
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// Whether `point` lies on the border, within `tolerance`.
    pub fn on_border(&self, point: Point, tolerance: f64) -> bool {
        let within_x = point.x >= self.x - tolerance && point.x <= self.right() + tolerance;
        let within_y = point.y >= self.y - tolerance && point.y <= self.bottom() + tolerance;
        let on_vertical =
            (point.x - self.x).abs() <= tolerance || (point.x - self.right()).abs() <= tolerance;
        let on_horizontal =
            (point.y - self.y).abs() <= tolerance || (point.y - self.bottom()).abs() <= tolerance;
        (on_vertical && within_y) || (on_horizontal && within_x)
    }

    /// Where the line from the centre towards `toward` crosses the border; the bottom centre
    /// when `toward` is the centre itself.
    pub fn border_toward(&self, toward: Point) -> Point {
        let center = self.center();
        let dx = toward.x - center.x;
        let dy = toward.y - center.y;
        let half_width = self.width / 2.0;
        let half_height = self.height / 2.0;
        if dx == 0.0 && dy == 0.0 {
            return Point::new(center.x, self.bottom());
        }
        // Scale the direction until it reaches the nearer of the two borders it heads for.
        let scale_x = if dx == 0.0 {
            f64::INFINITY
        } else {
            half_width / dx.abs()
        };
        let scale_y = if dy == 0.0 {
            f64::INFINITY
        } else {
            half_height / dy.abs()
        };
        let scale = scale_x.min(scale_y);
        Point::new(center.x + dx * scale, center.y + dy * scale)
    }

    /// The rectangle moved by `(dx, dy)`.
    pub fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borders() {
        let rect = Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 40.0,
        };
        assert_eq!(
            rect.border_toward(Point::new(50.0, 200.0)),
            Point::new(50.0, 40.0)
        );
        assert_eq!(
            rect.border_toward(Point::new(250.0, 20.0)),
            Point::new(100.0, 20.0)
        );
        let corner_ward = rect.border_toward(Point::new(150.0, 70.0));
        assert!(rect.on_border(corner_ward, 1e-9), "{corner_ward:?}");
        assert_eq!(rect.border_toward(rect.center()), Point::new(50.0, 40.0));
        assert!(!rect.on_border(Point::new(50.0, 20.0), 0.5));
    }
}
