window.glossSearch.manifest({"documents":1,"terms":1,"version":2,"words":1});
