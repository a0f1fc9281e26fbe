import FermiAPI
import Foundation

/// When an idle instance is warned and stopped: idle time counts from its last activity (the
/// later of its start, a `fermi.dev/last-activity` mark, and the simulated person's work
/// after a start, `sim.fermi.dev/active-for`); the warning comes `fermi.dev/warning-lead`
/// ahead of the stop (24 h, or half the timeout when that is shorter).
struct IdleReclaim: Equatable {
    /// The last moment anyone used the instance.
    var lastActivity: Timestamp
    var warnAt: Timestamp
    var stopAt: Timestamp

    static let activeForAnnotation = SimAnnotations.prefix + "active-for"

    /// The schedule of a running `instance`, started at `startTime`; nil when it never idles out.
    static func schedule(of instance: Instance, startTime: Timestamp, now: Timestamp) -> IdleReclaim? {
        guard let timeout = instance.spec.idleTimeout.flatMap(GoDuration.init)?.duration else { return nil }
        let last = lastActivity(of: instance, startTime: startTime, now: now)
        let lead = min(
            instance.metadata.annotations?[LifetimeAnnotations.warningLead].flatMap(GoDuration.init)?.duration
                ?? LifetimeAnnotations.defaultWarningLead,
            timeout / 2)
        return IdleReclaim(
            lastActivity: last, warnAt: last.adding(timeout - lead), stopAt: last.adding(timeout))
    }

    static func lastActivity(of instance: Instance, startTime: Timestamp, now: Timestamp) -> Timestamp {
        var moments = [startTime]
        if let marked = instance.metadata.annotations?[LifetimeAnnotations.lastActivity].flatMap(Timestamp.init(parsing:)) {
            moments.append(marked)
        }
        if let activeFor = instance.metadata.annotations?[activeForAnnotation].flatMap(GoDuration.init)?.duration {
            let worked = startTime.adding(activeFor)
            moments.append(worked.secondsSince1970 < now.secondsSince1970 ? worked : now)
        }
        if let recorded = instance.status?.lastActivityTime { moments.append(recorded) }
        return moments.max { $0.secondsSince1970 < $1.secondsSince1970 }!
    }
}

extension Timestamp {
    /// The moment `duration` after this one.
    func adding(_ duration: Duration) -> Timestamp {
        Timestamp(date.addingTimeInterval(TimeInterval(duration.components.seconds)))
    }
}
