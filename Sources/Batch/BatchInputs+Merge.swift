import CCPlanBase
import ContactHistory
import Planning

/// A queue whose history is spread over several files, put back on one grid.
extension BatchInputs {
    /// Two parts of one queue's history from different files, on one grid.
    static func merge(_ a: QueueItem, _ b: QueueItem, policy: DuplicatePolicy) -> Result<QueueItem, MergeError> {
        guard case .history(let x) = a.input, case .history(let y) = b.input else {
            return .failure(
                MergeError(
                    description: "the forecast of \(a.queue)/\(a.channel.rawValue) is given in more than one file"))
        }
        guard x.intervalMinutes == y.intervalMinutes else {
            return .failure(
                MergeError(
                    description:
                        "\(a.queue)/\(a.channel.rawValue) has \(y.intervalMinutes)-minute intervals here but \(x.intervalMinutes)-minute intervals in an earlier file"
                ))
        }
        let step = x.step
        guard (y.start - x.start) % step == 0 else {
            return .failure(
                MergeError(
                    description:
                        "\(a.queue)/\(a.channel.rawValue): the intervals are not aligned with those of an earlier file")
            )
        }
        let start = min(x.start, y.start)
        let end = max(x.end, y.end)
        let count = Int((end - start) / step) + 1
        var offered = [Double](repeating: .nan, count: count), handled = offered, abandoned = offered,
            handleSeconds = offered
        var states = [IntervalState](repeating: .absent, count: count)
        for s in [x, y] {
            let base = Int((s.start - start) / step)
            for i in s.indices where s.states[i] == .observed {
                let j = base + i
                if states[j] == .observed {
                    switch policy {
                    case .error:
                        return .failure(
                            MergeError(
                                description:
                                    "\(a.queue)/\(a.channel.rawValue): interval \(s.isoStart(i)) is also in an earlier file (set inputs.on_duplicate: sum or last)"
                            ))
                    case .sum:
                        offered[j] += s.offered[i]; handled[j] += s.handled[i]; abandoned[j] += s.abandoned[i];
                        handleSeconds[j] += s.handleSeconds[i]
                        continue
                    case .last: break
                    }
                }
                offered[j] = s.offered[i]; handled[j] = s.handled[i]; abandoned[j] = s.abandoned[i];
                handleSeconds[j] = s.handleSeconds[i]
                states[j] = .observed
            }
        }
        let merged = IntervalSeries(
            queue: x.queue, channel: x.channel, intervalMinutes: x.intervalMinutes, timeZone: x.timeZone, start: start,
            offered: offered, handled: handled, abandoned: abandoned, handleSeconds: handleSeconds, states: states)
        return .success(QueueItem(queue: a.queue, channel: a.channel, input: .history(merged)))
    }

    struct MergeError: Error, CustomStringConvertible { var description: String }
}
