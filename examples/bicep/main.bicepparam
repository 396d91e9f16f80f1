using './main.bicep'

param storageName = 'stexamplelogs'
