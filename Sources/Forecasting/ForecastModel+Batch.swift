import CCPlanBase

/// Forecasts of several models on one context, as ``AutoModel`` and ``EnsembleModel`` need them:
/// the ``SVDInterday`` models with the same window share one decomposition and one regression
/// per score series (``SVDInterday/forecasts(_:ranks:windowDays:)``); the others run one by one.
/// Each result equals the model's own ``ForecastModel/forecast(_:)``, or its error.
///
/// - Complexity: the models' costs, the SVD ranks of one window counted once.
func batchForecasts(_ models: [any ForecastModel], _ context: ForecastContext) -> [Result<[Double], any Error>] {
    var results = [Result<[Double], any Error>?](repeating: nil, count: models.count)
    var windows: [Int?] = []
    for m in models {
        if let svd = m as? SVDInterday, !windows.contains(svd.windowDays) { windows.append(svd.windowDays) }
    }
    for window in windows {
        let members = models.indices.filter { (models[$0] as? SVDInterday).map { $0.windowDays == window } ?? false }
        guard members.count > 1 else { continue }
        do {
            let f = try SVDInterday.forecasts(
                context, ranks: members.map { (models[$0] as! SVDInterday).components },
                windowDays: window)
            for (k, i) in members.enumerated() { results[i] = .success(f[k]) }
        } catch {
            for i in members { results[i] = .failure(error) }
        }
    }
    return models.indices.map { i in
        results[i] ?? Result { try models[i].forecast(context) }
    }
}
