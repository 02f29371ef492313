// The sha256 of Sources/MojiWeb/openapi.yaml that these types were made from: 2b03996c1b0f0788dce115124858a27ab050812289e9ebd217672966ab67f111
