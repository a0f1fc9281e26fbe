import FermiAPI

/// An object's health as GitOps tools read it from the object's own status: a failed job or
/// pod, or a Ready condition that is False for a failure, is Degraded; one still starting is
/// Progressing; anything else (including kinds with no status to speak of) is Healthy.
enum ObjectHealth {
    static func of(_ object: JSONValue) -> String {
        let status = object["status"]
        let phase = status?["phase"]?.stringValue ?? ""
        if ["Failed", "Error"].contains(phase) { return GitHealthStatus.degraded }
        if ["Pending", "Creating", "Executing", "Building", "NotBound"].contains(phase) { return GitHealthStatus.progressing }
        guard case .array(let conditions)? = status?["conditions"] else { return GitHealthStatus.healthy }
        let isTrue = { (type: String) in conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" } }
        if isTrue("Failed") { return GitHealthStatus.degraded }
        if isTrue("Succeeded") || isTrue("Complete") || isTrue("Running") { return GitHealthStatus.healthy }
        if let ready = conditions.first(where: { $0["type"]?.stringValue == "Ready" }) {
            return ready["status"]?.stringValue == "True" ? GitHealthStatus.healthy : GitHealthStatus.progressing
        }
        return GitHealthStatus.healthy
    }
}
