Creator "coauthor 0.1.0"
graph [
  directed 0
  name "coauthor"
  node [
    id 0
    label "Shali Jiang"
    key "shali|jiang"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 3
    community_label "historical representations, loopfm, foundation model"
    x 214.31
    y 79.46
  ]
  node [
    id 1
    label "Hua Zheng"
    key "hua|zheng"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 3
    community_label "historical representations, loopfm, foundation model"
    x 203.03
    y 57.45
  ]
  node [
    id 2
    label "Boyang Liu"
    key "boyang|liu"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 3
    community_label "historical representations, loopfm, foundation model"
    x 184.74
    y 80.28
  ]
  node [
    id 3
    label "Qin Huang"
    key "qin|huang"
    papers 18
    first_year 2016
    last_year 2026
    ambiguity 1
    pagerank 0.2434501933259085
    betweenness 0.942863916548127
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 115.22
    y 113.95
  ]
  node [
    id 4
    label "Xiaohao Xu"
    key "xiaohao|xu"
    papers 1
    first_year 2022
    last_year 2022
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 4
    community_label "arm movement recognition, forcemyography sensor placement, optimization"
    x 218.88
    y 130.98
  ]
  node [
    id 5
    label "Zihao Du"
    key "zihao|du"
    papers 1
    first_year 2022
    last_year 2022
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 4
    community_label "arm movement recognition, forcemyography sensor placement, optimization"
    x 193.16
    y 117.97
  ]
  node [
    id 6
    label "Huaxin Zhang"
    key "huaxin|zhang"
    papers 1
    first_year 2022
    last_year 2022
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 4
    community_label "arm movement recognition, forcemyography sensor placement, optimization"
    x 220.32
    y 108.06
  ]
  node [
    id 7
    label "Xuewei Wang"
    key "xuewei|wang"
    papers 1
    first_year 2023
    last_year 2023
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 9
    community_label "better ranking consistency, early stage ads ranking, multi-task learning"
    x 163.46
    y 20.99
  ]
  node [
    id 8
    label "Qiang Jin"
    key "qiang|jin"
    papers 1
    first_year 2023
    last_year 2023
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 9
    community_label "better ranking consistency, early stage ads ranking, multi-task learning"
    x 185.47
    y 35.42
  ]
  node [
    id 9
    label "Shengyu Huang"
    key "shengyu|huang"
    papers 1
    first_year 2023
    last_year 2023
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 9
    community_label "better ranking consistency, early stage ads ranking, multi-task learning"
    x 159.63
    y 50.15
  ]
  node [
    id 10
    label "Zikun Liu"
    key "zikun|liu"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 6
    community_label "inference scaling, latent-based representation, speculative offloading"
    x 180.72
    y 154.53
  ]
  node [
    id 11
    label "Liang Luo"
    key "liang|luo"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 6
    community_label "inference scaling, latent-based representation, speculative offloading"
    x 195.01
    y 180.22
  ]
  node [
    id 12
    label "Qianru Li"
    key "qianru|li"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 6
    community_label "inference scaling, latent-based representation, speculative offloading"
    x 210.68
    y 158.22
  ]
  node [
    id 13
    label "Lance Legel"
    key "lance|legel"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 10.01
    y 91.52
  ]
  node [
    id 14
    label "Brandon Voelker"
    key "brandon|voelker"
    papers 1
    first_year 2026
    last_year 2026
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 7.0
    y 114.5
  ]
  node [
    id 15
    label "Mingfu Liang"
    key "mingfu|liang"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 8
    community_label "external large foundation model, online ads recommendation, serve trillions"
    x 177.81
    y 207.18
  ]
  node [
    id 16
    label "Xi Liu"
    key "xi|liu"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 8
    community_label "external large foundation model, online ads recommendation, serve trillions"
    x 152.27
    y 215.28
  ]
  node [
    id 17
    label "Rong Jin"
    key "rong|jin"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 8
    community_label "external large foundation model, online ads recommendation, serve trillions"
    x 155.79
    y 185.4
  ]
  node [
    id 18
    label "Mertcan Cokbas"
    key "mertcan|cokbas"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 7
    community_label "cohort-contrastive auxiliary learning, large-scale recommendation systems, C2AL"
    x 112.23
    y 7.0
  ]
  node [
    id 19
    label "Ziteng Liu"
    key "ziteng|liu"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 7
    community_label "cohort-contrastive auxiliary learning, large-scale recommendation systems, C2AL"
    x 124.16
    y 33.97
  ]
  node [
    id 20
    label "Zeyi Tao"
    key "zeyi|tao"
    papers 1
    first_year 2025
    last_year 2025
    ambiguity 1
    pagerank 0.019036099596743215
    betweenness 0.0
    community 7
    community_label "cohort-contrastive auxiliary learning, large-scale recommendation systems, C2AL"
    x 136.24
    y 9.17
  ]
  node [
    id 21
    label "Li Quan"
    key "li|quan"
    papers 1
    first_year 2019
    last_year 2019
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 39.01
    y 192.03
  ]
  node [
    id 22
    label "Shengli Zhang"
    key "shengli|zhang"
    papers 1
    first_year 2019
    last_year 2019
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 61.03
    y 207.43
  ]
  node [
    id 23
    label "Ye Wang"
    key "ye|wang"
    papers 2
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.029196459541422488
    betweenness 0.0
    community 5
    community_label "unsupervised video object segmentation, motion"
    x 9.23
    y 155.3
  ]
  node [
    id 24
    label "Jongmoo Choi"
    key "jongmoo|choi"
    papers 2
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.029196459541422488
    betweenness 0.0
    community 5
    community_label "unsupervised video object segmentation, motion"
    x 31.25
    y 135.74
  ]
  node [
    id 25
    label "Yueru Chen"
    key "yueru|chen"
    papers 2
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.029196459541422488
    betweenness 0.0
    community 5
    community_label "unsupervised video object segmentation, motion"
    x 33.02
    y 163.83
  ]
  node [
    id 26
    label "Yuhang Song"
    key "yuhang|song"
    papers 2
    first_year 2017
    last_year 2018
    ambiguity 1
    pagerank 0.031156038426442798
    betweenness 0.000474158368895211
    community 2
    community_label "image inpainting"
    x 67.64
    y 44.19
  ]
  node [
    id 27
    label "Chao Yang"
    key "chao|yang"
    papers 2
    first_year 2017
    last_year 2018
    ambiguity 1
    pagerank 0.031156038426442798
    betweenness 0.000474158368895211
    community 2
    community_label "image inpainting"
    x 66.72
    y 16.83
  ]
  node [
    id 28
    label "Yeji Shen"
    key "yeji|shen"
    papers 1
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.0170765207117229
    betweenness 0.0
    community 2
    community_label "image inpainting"
    x 44.19
    y 32.53
  ]
  node [
    id 29
    label "Siyang Li"
    key "siyang|li"
    papers 3
    first_year 2017
    last_year 2018
    ambiguity 1
    pagerank 0.03726940204988885
    betweenness 0.0035561877667140826
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 95.09
    y 192.32
  ]
  node [
    id 30
    label "Bryan Seybold"
    key "bryan|seybold"
    papers 1
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.017824948939987116
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 122.02
    y 184.68
  ]
  node [
    id 31
    label "Alexey Vorobyov"
    key "alexey|vorobyov"
    papers 1
    first_year 2018
    last_year 2018
    ambiguity 1
    pagerank 0.017824948939987116
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 118.24
    y 213.23
  ]
  node [
    id 32
    label "Xiangxin Zhu"
    key "xiangxin|zhu"
    papers 1
    first_year 2017
    last_year 2017
    ambiguity 1
    pagerank 0.012774546740324445
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 89.34
    y 220.63
  ]
  node [
    id 33
    label "Zhe Lin"
    key "zhe|lin"
    papers 1
    first_year 2017
    last_year 2017
    ambiguity 1
    pagerank 0.0170765207117229
    betweenness 0.0
    community 2
    community_label "image inpainting"
    x 89.66
    y 29.57
  ]
  node [
    id 34
    label "Chi-Hao Wu"
    key "chihao|wu"
    papers 2
    first_year 2017
    last_year 2017
    ambiguity 1
    pagerank 0.022046087077669762
    betweenness 0.0007112375533428165
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 78.54
    y 161.29
  ]
  node [
    id 35
    label "Haiqiang Wang"
    key "haiqiang|wang"
    papers 1
    first_year 2017
    last_year 2017
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 18.84
    y 56.8
  ]
  node [
    id 36
    label "Ioannis Katsavounidis"
    key "ioannis|katsavounidis"
    papers 1
    first_year 2017
    last_year 2017
    ambiguity 1
    pagerank 0.014346046072016843
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 40.33
    y 78.8
  ]
  node [
    id 37
    label "Chunyang Xia"
    key "chunyang|xia"
    papers 2
    first_year 2016
    last_year 2017
    ambiguity 1
    pagerank 0.02291161266865711
    betweenness 0.0007112375533428165
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 68.38
    y 124.8
  ]
  node [
    id 38
    label "Wenchao Zheng"
    key "wenchao|zheng"
    papers 1
    first_year 2016
    last_year 2016
    ambiguity 1
    pagerank 0.013117694183499163
    betweenness 0.0
    community 1
    community_label "object detection, PASCAL VOC, weakly supervised"
    x 77.09
    y 88.6
  ]
  edge [
    source 0
    target 1
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 0
    target 2
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 0
    target 3
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 1
    target 2
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 1
    target 3
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 2
    target 3
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:12"
  ]
  edge [
    source 3
    target 4
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 3
    target 5
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 3
    target 6
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 3
    target 7
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 3
    target 8
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 3
    target 9
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 3
    target 10
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 3
    target 11
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 3
    target 12
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 3
    target 13
    weight 1
    fractional 0.5
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:40"
  ]
  edge [
    source 3
    target 14
    weight 1
    fractional 0.5
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:40"
  ]
  edge [
    source 3
    target 15
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 3
    target 16
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 3
    target 17
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 3
    target 18
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 3
    target 19
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 3
    target 20
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 3
    target 21
    weight 1
    fractional 0.5
    papers 1
    first_year 2019
    last_year 2019
    paper_ids "qin-huang-profile.txt:61"
  ]
  edge [
    source 3
    target 22
    weight 1
    fractional 0.5
    papers 1
    first_year 2019
    last_year 2019
    paper_ids "qin-huang-profile.txt:61"
  ]
  edge [
    source 3
    target 23
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 3
    target 24
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 3
    target 25
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 3
    target 26
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2017
    last_year 2018
    paper_ids "qin-huang-profile.txt:82; qin-huang-profile.txt:103"
  ]
  edge [
    source 3
    target 27
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2017
    last_year 2018
    paper_ids "qin-huang-profile.txt:82; qin-huang-profile.txt:103"
  ]
  edge [
    source 3
    target 28
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:82"
  ]
  edge [
    source 3
    target 29
    weight 3
    fractional 1.3333333333333333
    papers 3
    first_year 2017
    last_year 2018
    paper_ids "qin-huang-profile.txt:89; qin-huang-profile.txt:96; qin-huang-profile.txt:110"
  ]
  edge [
    source 3
    target 30
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:89"
  ]
  edge [
    source 3
    target 31
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:89"
  ]
  edge [
    source 3
    target 32
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:96"
  ]
  edge [
    source 3
    target 33
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:103"
  ]
  edge [
    source 3
    target 34
    weight 2
    fractional 1.0
    papers 2
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:110; qin-huang-profile.txt:124"
  ]
  edge [
    source 3
    target 35
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:117"
  ]
  edge [
    source 3
    target 36
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:117"
  ]
  edge [
    source 3
    target 37
    weight 2
    fractional 1.0
    papers 2
    first_year 2016
    last_year 2017
    paper_ids "qin-huang-profile.txt:124; qin-huang-profile.txt:131"
  ]
  edge [
    source 3
    target 38
    weight 1
    fractional 0.5
    papers 1
    first_year 2016
    last_year 2016
    paper_ids "qin-huang-profile.txt:131"
  ]
  edge [
    source 4
    target 5
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 4
    target 6
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 5
    target 6
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2022
    last_year 2022
    paper_ids "qin-huang-profile.txt:19"
  ]
  edge [
    source 7
    target 8
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 7
    target 9
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 8
    target 9
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2023
    last_year 2023
    paper_ids "qin-huang-profile.txt:26"
  ]
  edge [
    source 10
    target 11
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 10
    target 12
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 11
    target 12
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:33"
  ]
  edge [
    source 13
    target 14
    weight 1
    fractional 0.5
    papers 1
    first_year 2026
    last_year 2026
    paper_ids "qin-huang-profile.txt:40"
  ]
  edge [
    source 15
    target 16
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 15
    target 17
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 16
    target 17
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:47"
  ]
  edge [
    source 18
    target 19
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 18
    target 20
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 19
    target 20
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2025
    last_year 2025
    paper_ids "qin-huang-profile.txt:54"
  ]
  edge [
    source 21
    target 22
    weight 1
    fractional 0.5
    papers 1
    first_year 2019
    last_year 2019
    paper_ids "qin-huang-profile.txt:61"
  ]
  edge [
    source 23
    target 24
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 23
    target 25
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 24
    target 25
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:68; qin-huang-profile.txt:75"
  ]
  edge [
    source 26
    target 27
    weight 2
    fractional 0.6666666666666666
    papers 2
    first_year 2017
    last_year 2018
    paper_ids "qin-huang-profile.txt:82; qin-huang-profile.txt:103"
  ]
  edge [
    source 26
    target 28
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:82"
  ]
  edge [
    source 26
    target 33
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:103"
  ]
  edge [
    source 27
    target 28
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:82"
  ]
  edge [
    source 27
    target 33
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:103"
  ]
  edge [
    source 29
    target 30
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:89"
  ]
  edge [
    source 29
    target 31
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:89"
  ]
  edge [
    source 29
    target 32
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:96"
  ]
  edge [
    source 29
    target 34
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:110"
  ]
  edge [
    source 30
    target 31
    weight 1
    fractional 0.3333333333333333
    papers 1
    first_year 2018
    last_year 2018
    paper_ids "qin-huang-profile.txt:89"
  ]
  edge [
    source 34
    target 37
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:124"
  ]
  edge [
    source 35
    target 36
    weight 1
    fractional 0.5
    papers 1
    first_year 2017
    last_year 2017
    paper_ids "qin-huang-profile.txt:117"
  ]
  edge [
    source 37
    target 38
    weight 1
    fractional 0.5
    papers 1
    first_year 2016
    last_year 2016
    paper_ids "qin-huang-profile.txt:131"
  ]
]
