import FermiAPI

/// A PodGroup's phase as Volcano moves it: Pending until its queue admits it, Inqueue until
/// enough members run, Running while at least minMember do, Completed once every member has
/// finished and enough succeeded.
public enum PodGroupPhases {
    public static func phase(of job: SchedulingJob, admitted: Bool, current: String?) -> String {
        let members = job.pending.count + job.active.count + job.succeeded + job.failed
        if members > 0, job.pending.isEmpty, job.active.isEmpty, job.succeeded >= job.minMember { return "Completed" }
        if job.running >= job.minMember { return "Running" }
        if admitted || current == "Inqueue" || current == "Running" { return "Inqueue" }
        return "Pending"
    }

    /// `conditions` with the condition of `type` set, its transition time moved only when its
    /// status changes.
    public static func setting(
        _ conditions: [PodGroupCondition], type: String, status: String, reason: String, message: String, now: Timestamp
    ) -> [PodGroupCondition] {
        let condition = PodGroupCondition(
            type: type, status: status, reason: reason.isEmpty ? nil : reason, message: message.isEmpty ? nil : message)
        return Conditions.setting(conditions, condition, now: now)
    }
}
