import CCPlanBase
import Foundation
import XCTest

/// Fractions and decimal numbers as config files and flags write them, against Swift's own parser
/// and the decimal the text names.
final class ConfigTextTests: XCTestCase {
    func testDecimalTextIsStrictAndAgreesWithDoubleOnWhatItAccepts() {
        for text in ["0", "-1.5", "+2", ".25", "3.", "1e-3", "2.5E+4", "5e-324", "0.1"] {
            XCTAssertEqual(DecimalText.value(text), Double(text), text)
        }
        for text in [
            "", ".", "-", "e5", "1e", "0x10", "0x1p-1", "inf", "nan", "1e400", "1,000", "1 000", " 1", "1.2.3", "--1",
        ] {
            XCTAssertNil(DecimalText.value(text), text)
        }
    }

    func testFractionsReadAsTyped() throws {
        // 12.3 / 100 is one unit in the last place from 0.123; the value is the double nearest 0.123.
        XCTAssertNotEqual(12.3 / 100, 0.123)
        XCTAssertEqual(try FractionText.value("12.3%"), 0.123)
        XCTAssertEqual(try FractionText.value("80%"), 0.8)
        XCTAssertEqual(try FractionText.value(" 0.8\t"), 0.8)
        XCTAssertEqual(try FractionText.value("12.5 %"), 0.125)
        XCTAssertEqual(try FractionText.value("150%"), 1.5)
        // A decimal is read as written; a percentage below 5e-11 % reads as 0, so that a domain
        // check on the value refuses it.
        XCTAssertEqual(try FractionText.value("5e-324"), Double.leastNonzeroMagnitude)
        XCTAssertEqual(try FractionText.value("0.123456789012345"), 0.123456789012345)
        XCTAssertEqual(try FractionText.value("1e-300%"), 0)
        XCTAssertEqual(try FractionText.value("1e300"), 1e300)
        for bad in ["80 %%", "%", "0x1p-1", "nan%", "inf", "eighty", "80 percent"] {
            XCTAssertThrowsError(try FractionText.value(bad), bad)
        }
    }

    func testDurations() throws {
        XCTAssertEqual(try DurationText.seconds("13w"), 13 * 7 * 86_400)
        XCTAssertEqual(try DurationText.seconds("2.5m"), 150)
        XCTAssertThrowsError(try DurationText.seconds("1e3"))
    }
}
