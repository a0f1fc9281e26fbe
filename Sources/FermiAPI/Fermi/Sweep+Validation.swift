import Foundation

extension Sweep {
    /// A known algorithm and goal, counts of at least one, uniquely named parameters each with
    /// values or (for random search) a numeric range whose min is below its max, and a trial
    /// template whose pods are valid.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += FermiFieldRules.oneOf(spec.algorithm, SweepEnums.algorithms, at: path.child("algorithm"))
        errors += FermiFieldRules.oneOf(spec.objective?.goal, SweepEnums.goals, at: path.child("objective").child("goal"))
        errors += FermiFieldRules.required(spec.objective?.metric, at: path.child("objective").child("metric"))
        errors += FermiFieldRules.atLeast(spec.maxTrials, 1, at: path.child("maxTrials"))
        errors += FermiFieldRules.atLeast(spec.parallelTrials, 1, at: path.child("parallelTrials"))
        let parameters = spec.parameters ?? []
        if parameters.isEmpty { errors.append(.required(path.child("parameters"))) }
        var names = Set<String>()
        for (index, parameter) in parameters.enumerated() {
            let at = path.child("parameters").index(index)
            let name = parameter.name ?? ""
            errors += FermiFieldRules.required(parameter.name, at: at.child("name"))
            if !name.isEmpty, !names.insert(name).inserted { errors.append(.duplicate(at.child("name"), name)) }
            let hasValues = !(parameter.values ?? []).isEmpty
            let hasRange = parameter.min != nil || parameter.max != nil
            if !hasValues, !hasRange {
                errors.append(.required(at.child("values"), "values, or min and max, are required"))
            }
            if hasRange {
                if spec.algorithm != "random" {
                    errors.append(.invalid(at.child("min"), parameter.min ?? "", "a range needs algorithm random"))
                }
                guard let low = parameter.min.flatMap(Double.init), let high = parameter.max.flatMap(Double.init) else {
                    errors.append(.invalid(at.child("min"), parameter.min ?? "", "min and max must both be numbers"))
                    continue
                }
                if low >= high { errors.append(.invalid(at.child("max"), parameter.max ?? "", "must be greater than min")) }
            }
        }
        if let template = spec.trialTemplate?.spec?.template?.spec {
            errors += PodSpecRules.validate(template, at: path.child("trialTemplate").child("spec").child("template").child("spec"))
        } else {
            errors.append(.required(path.child("trialTemplate").child("spec").child("template").child("spec")))
        }
        return errors
    }
}
