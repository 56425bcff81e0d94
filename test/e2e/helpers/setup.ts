// Browser tests start a server and Chromium and walk several screens: more than the API tests' 30 s.
jest.setTimeout(120_000);
