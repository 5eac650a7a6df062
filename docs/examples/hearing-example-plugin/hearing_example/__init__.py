"""An example hearing plugin (示例插件), kept in the docs and tested in CI."""
